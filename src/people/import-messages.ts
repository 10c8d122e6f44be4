import { defineMessages } from '../i18n/index.js';

/** What the residents import says about itself and its columns (GET /imports/kinds). */
export const residentImportMessages = defineMessages('people.import', {
  kind: { zh: '人员名册：每位老人一行，以身份证号为键。', en: 'People registry: one row per resident, keyed by ID-card number.' },
  idNumber: { zh: '18 位身份证号（导入的键）', en: '18-character ID-card number (the import key)' },
  name: { zh: '姓名', en: 'Full name' },
  gender: { zh: '男/女（male/female）；不填则按身份证号', en: 'male/female/男/女; default from the ID number' },
  birthDate: { zh: 'YYYY-MM-DD；不填则按身份证号', en: 'YYYY-MM-DD; default from the ID number' },
  phone: { zh: '联系电话', en: 'Phone number' },
  address: { zh: '家庭住址', en: 'Home address' },
  lat: { zh: '纬度（WGS84）', en: 'Latitude (WGS84)' },
  lng: { zh: '经度（WGS84）', en: 'Longitude (WGS84)' },
  livesAlone: { zh: '是/否（yes/no）', en: 'yes/no/是/否' },
  localHukou: { zh: '是/否；不填为“是”', en: 'yes/no; default yes' },
  cardNumber: { zh: '助餐卡号', en: 'Canteen card number' },
  statuses: {
    zh: '身份类别，多个用“;”分隔：特困/低保/低保边缘/重度残疾/失能/半失能/计生特殊家庭/优抚对象/空巢，或代码 {codes}',
    en: "Codes separated by ';' ({codes}) or 特困/低保/低保边缘/重度残疾/失能/半失能/计生特殊家庭/优抚对象/空巢",
  },
});
