import { defineMessages } from '../i18n/index.js';

/** Sentences of users, tokens and sign-in that the API answers with (pages have tenancy.web). */
export const TM = defineMessages('tenancy', {
  nounTenant: { zh: '机构', en: 'tenant' },
  userExists: { zh: '已有名为“{username}”的用户。', en: "A user named '{username}' already exists." },
  taken: { zh: '已被占用。', en: 'Already taken.' },
  tokenOutlives: {
    zh: '最多 {days} 天：您正在使用的令牌于 {expiresAt} 到期。',
    en: 'At most {days}: the token you are using expires at {expiresAt}.',
  },
  tokenOutlivesDetail: { zh: '新令牌的有效期不能超过当前令牌。', en: 'A token cannot outlive the token that issues it.' },
  roleNotHeld: { zh: '“{role}”不是该用户或您当前令牌所具有的角色。', en: "'{role}' is not a role of this user and of the token you are using." },
  roleNotHeldDetail: { zh: '新令牌的角色不能超过当前令牌。', en: 'A token cannot have more roles than the token that issues it.' },
  linkOwnStaff: { zh: '您只能为自己管理的送餐员或护理员发放登录码。', en: 'You may issue sign-in links only for your own drivers or care aides.' },
  usernameChars: { zh: '只能使用字母、数字、点、短横线和下划线。', en: 'Letters, digits, dot, dash and underscore only.' },
  rolesRepeat: { zh: '角色不能重复。', en: 'Roles must not repeat.' },
  passwordLength: { zh: '至少 8 个字符。', en: 'At least 8 characters.' },
});
