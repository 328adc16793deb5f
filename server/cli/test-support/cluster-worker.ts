/**
 * A stand-in for a worker of `civicgrid start --workers N` (cluster-primary.ts): says which slot
 * it is and whether it would run the embedded broker, reports ready as a worker does, and on
 * SIGTERM takes a moment to "drain" before it exits.
 */
const slot = process.env.CIVICGRID_WORKER_SLOT;
console.log(`WORKER ${slot} ${process.pid} embedded=${process.env.MQTT_EMBEDDED ?? 'true'}`);
process.send!({ ready: true, mqttPort: null });
process.on('SIGTERM', () => {
  console.log(`DRAINED ${slot}`);
  setTimeout(() => process.exit(0), 200);
});
setInterval(() => undefined, 60_000);
