import { createApp } from 'vue';
import '@lib/styles/base.css';
import './open.css';
import { i18n, t } from '@lib/i18n';
import { setTitleSuffix } from '@lib/title';
import App from './App.vue';
import { router } from './router';

document.documentElement.lang = i18n.global.locale.value;
setTitleSuffix(t('open.siteName'));

createApp(App).use(i18n).use(router).mount('#app');
