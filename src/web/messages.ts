import { defineMessages } from '../i18n/index.js';

/** Sentences of the web layer itself (frame, sign-in, errors, offline). */
export const W = defineMessages('web', {
  appName: { zh: '养老助餐与照护', en: 'Eldercare services' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  signOutEverywhere: { zh: '退出所有设备', en: 'Sign out everywhere' },
  signedOutEverywhere: { zh: '已在所有设备上退出登录（{count} 个会话）。', en: 'Signed out on every device ({count} sessions).' },
  username: { zh: '用户名或手机号', en: 'Username or phone number' },
  password: { zh: '密码', en: 'Password' },
  badCredentials: { zh: '用户名或密码不正确。', en: 'The username or password is not right.' },
  lockedOut: {
    zh: '连续输错密码次数过多，账号已锁定，请在 {time} 之后再试，或请管理员重置密码。',
    en: 'Too many wrong passwords: the account is locked until {time}. Try again then, or ask an administrator to reset it.',
  },
  tooManyAttempts: { zh: '尝试次数过多，请 {seconds} 秒后再试。', en: 'Too many attempts; try again in {seconds} seconds.' },
  codeTitle: { zh: '在这部手机上登录', en: 'Sign in on this phone' },
  codeIntro: { zh: '您将以 {name} 的身份在这部手机上登录。', en: 'You are signing in as {name} on this phone.' },
  codeButton: { zh: '登录', en: 'Sign in' },
  codeUsed: {
    zh: '这个登录链接已经用过或已过期。请向管理员要一个新的链接。',
    en: 'This sign-in link has already been used or has expired. Ask your manager for a new one.',
  },
  notAllowed: { zh: '您的角色不能打开这个页面。', en: 'Your role cannot open this page.' },
  notFound: { zh: '找不到这个页面。', en: 'This page does not exist.' },
  somethingWrong: { zh: '出错了，已记录。请稍后再试。', en: 'Something went wrong; it was logged. Please try again shortly.' },
  back: { zh: '返回首页', en: 'Back to the start page' },
  language: { zh: '语言', en: 'Language' },
  offline: { zh: '离线：操作已保存，联网后自动发送。', en: 'Offline: your taps are saved and will be sent when the network returns.' },
  pending: { zh: '{count} 项等待发送', en: '{count} waiting to send' },
  sending: { zh: '正在发送…', en: 'Sending…' },
  saved: { zh: '已保存', en: 'Saved' },
  networkError: { zh: '网络不通，已保存，稍后自动重试。', en: 'No connection; saved and will retry by itself.' },
  sessionEnded: { zh: '登录已过期，请重新登录。', en: 'Your sign-in has ended; please sign in again.' },
  home: { zh: '首页', en: 'Home' },
  noRolePage: { zh: '您的账号还没有可用的页面，请联系管理员分配角色。', en: 'Your account has no page yet; ask an administrator for a role.' },
});
