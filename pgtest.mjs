import { PGlite } from '@electric-sql/pglite';
const t=Date.now(); const db = await PGlite.create(); console.log('open', Date.now()-t);
console.log((await db.query("select version(), 'a' like 'a%' as x")).rows);
console.log(typeof db.clone, typeof db.dumpDataDir);
const t2=Date.now(); const c = await db.clone(); console.log('clone', Date.now()-t2);
