import { createApp } from 'vue';
// Vant styles per component in use, instead of the whole 200 KB stylesheet.
import 'vant/es/button/style/index';
import 'vant/es/cell/style/index';
import 'vant/es/cell-group/style/index';
import 'vant/es/field/style/index';
import 'vant/es/form/style/index';
import 'vant/es/icon/style/index';
import 'vant/es/switch/style/index';
import 'vant/es/dialog/style/index';
import 'vant/es/uploader/style/index';
import '@lib/styles/base.css';
import './styles.css';
import { i18n, t } from '@lib/i18n';
import { setUnauthorizedHandler } from '@lib/api';
import { forget } from '@lib/session';
import { setTitleSuffix } from '@lib/title';
import './elder-mode';
import App from './App.vue';
import { router } from './router';

document.documentElement.lang = i18n.global.locale.value;
setTitleSuffix(t('app.residentName'));

setUnauthorizedHandler(() => {
  forget();
  const current = router.currentRoute.value;
  if (current.name !== 'login') router.push({ name: 'login', query: { redirect: current.fullPath } });
});

createApp(App).use(i18n).use(router).mount('#app');
