/** How a grid worker is named as the 管控责任人 of a special-group record ("张三（网格员）"; the seed writes it so too). */
export const supervisorWords = (workerName: string) => `${workerName}（网格员）`;
