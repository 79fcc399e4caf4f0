// The plugin is consumed through executors.json; nothing is imported from it directly.
export {};
