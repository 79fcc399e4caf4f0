// Inference entry point (nx.json "plugins"); the executors and generators are found through
// executors.json and generators.json.
export { createNodes, createNodesV2 } from './plugins/plugin';
