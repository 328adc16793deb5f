import { watchEffect } from 'vue';

let suffix = '';

/** Each client names itself once; page titles then read "居民：张三 - 智慧社区管理后台". */
export function setTitleSuffix(text: string): void {
  suffix = text;
}

export function setPageTitle(title: string): void {
  document.title = title ? `${title} - ${suffix}` : suffix;
}

/** For detail pages whose title depends on loaded data; call inside setup(). */
export function usePageTitle(title: () => string | null | undefined): void {
  watchEffect(() => {
    const text = title();
    if (text) setPageTitle(text);
  });
}
