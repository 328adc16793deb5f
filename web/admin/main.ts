import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import '@lib/styles/base.css';
import './theme.css';
import { i18n, t } from '@lib/i18n';
import { setUnauthorizedHandler } from '@lib/api';
import { forget } from '@lib/session';
import { setTitleSuffix } from '@lib/title';
import App from './App.vue';
import { router } from './router';

document.documentElement.lang = i18n.global.locale.value;
setTitleSuffix(t('app.adminName'));

// A lost session anywhere sends the user to sign in again, then back to where they were.
setUnauthorizedHandler(() => {
  forget();
  const current = router.currentRoute.value;
  if (current.name !== 'login') {
    router.push({ name: 'login', query: { redirect: current.fullPath } });
  }
});

createApp(App).use(i18n).use(router).mount('#app');
