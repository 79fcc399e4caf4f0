// Preloaded into the built api by the child-process tests (`node --require`), never bundled.
// The production bundle has no slow route. Fastify announces every new instance on this
// diagnostics channel, so the test adds one without a test hook in the app:
//   GET /test/hold  stays in flight until the process receives SIGUSR2, then answers 200.
// It prints "hold: entered" on stderr once the request is inside the handler.
const diagnostics = require('node:diagnostics_channel');

const held = new Set();
process.on('SIGUSR2', () => {
  for (const release of held) release();
  held.clear();
});

diagnostics.subscribe('fastify.initialization', ({ fastify }) => {
  fastify.get('/test/hold', async () => {
    await new Promise((resolve) => {
      held.add(resolve);
      process.stderr.write('hold: entered\n');
    });
    return { held: true };
  });
});
