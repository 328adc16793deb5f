/**
 * A grid's name carries its community's (锦源社区第一网格, migrations/0013), so that a county-wide
 * list tells the 第一网格 of every community apart. Forms edit the grid's own part; these two
 * turn one into the other, on the server that stores the name and in the admin that shows it.
 */
export const gridFullName = (communityName: string, ownName: string) =>
  ownName.startsWith(communityName) ? ownName : `${communityName}${ownName}`;

export const gridOwnName = (communityName: string, fullName: string) =>
  fullName.startsWith(communityName) && fullName.length > communityName.length ? fullName.slice(communityName.length) : fullName;
