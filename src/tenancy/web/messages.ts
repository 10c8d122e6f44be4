import { defineMessages } from '../../i18n/index.js';

/** Sentences of the account and user-administration pages. */
export const M = defineMessages('tenancy.web', {
  account: { zh: '我的账号', en: 'My account' },
  users: { zh: '用户管理', en: 'Users' },
  newUser: { zh: '新建用户', en: 'New user' },
  displayName: { zh: '姓名', en: 'Name' },
  username: { zh: '用户名', en: 'Username' },
  phone: { zh: '手机号', en: 'Phone' },
  roles: { zh: '角色', en: 'Roles' },
  password: { zh: '密码（至少 8 位）', en: 'Password (8 characters or more)' },
  create: { zh: '创建', en: 'Create' },
  save: { zh: '保存', en: 'Save' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  newPassword: { zh: '新密码', en: 'New password' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  wrongCurrent: { zh: '当前密码不正确。', en: 'The current password is not right.' },
  passwordChanged: { zh: '密码已修改，其他设备已退出登录。', en: 'Password changed; your other devices were signed out.' },
  passwordSet: { zh: '已为 {name} 设置新密码，其所有会话已结束。', en: 'New password set for {name}; their sessions have ended.' },
  signInLink: { zh: '手机登录码', en: 'Phone sign-in link' },
  linkFor: { zh: '{name} 的一次性登录码', en: 'One-time sign-in link for {name}' },
  linkHelp: {
    zh: '用手机扫描二维码或打开链接即可登录，只能使用一次，{time} 前有效。请勿转发给他人。',
    en: 'Scan the QR code or open the link on the phone to sign in. It works once, until {time}. Do not pass it on.',
  },
  print: { zh: '打印', en: 'Print' },
  revokeSessions: { zh: '结束其所有登录', en: 'End all their sessions' },
  sessionsRevoked: { zh: '已结束 {name} 的 {count} 个会话。', en: 'Ended {count} sessions of {name}.' },
  disabled: { zh: '已停用', en: 'disabled' },
  locked: { zh: '已锁定至 {time}', en: 'locked until {time}' },
  noPassword: { zh: '未设密码', en: 'no password' },
  sessions: { zh: '已登录的设备', en: 'Signed-in devices' },
  thisDevice: { zh: '本设备', en: 'this device' },
  lastSeen: { zh: '最近使用', en: 'Last used' },
  kindPassword: { zh: '密码登录', en: 'password' },
  kindDevice: { zh: '手机（登录码）', en: 'phone (link)' },
  userCreated: { zh: '已创建用户 {name}。', en: 'User {name} created.' },
  rolesSaved: { zh: '已保存 {name} 的角色。', en: 'Roles of {name} saved.' },
});

export { ROLES, roleLabel } from '../../kernel/messages.js';
