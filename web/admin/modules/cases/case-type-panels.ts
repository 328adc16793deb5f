import type { Component } from 'vue';

/**
 * Case types plug their detail panel into the case page (docs/decisions/013): a module that
 * brings a case type has a `case-type.ts` exporting `caseTypePanels`, its panels by the case
 * type's code; they are found here by that file name, so the case page names no case type. A
 * panel takes the case's `caseId` and emits `changed` after a step, so the page reloads the
 * timeline where the engine wrote it.
 */
export interface CaseTypePanels {
  caseTypePanels: Record<string, Component>;
}

const modules = import.meta.glob<CaseTypePanels>('../*/case-type.ts', { eager: true });

const panels = new Map<string, Component>();
for (const [file, module] of Object.entries(modules)) {
  for (const [caseType, panel] of Object.entries(module.caseTypePanels)) {
    if (panels.has(caseType)) throw new Error(`${file}: case type ${caseType} already has a panel`);
    panels.set(caseType, panel);
  }
}

/** The detail panel of a case's type, or undefined when the type adds none. */
export const caseTypePanel = (caseType: string): Component | undefined => panels.get(caseType);
