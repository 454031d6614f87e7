// The components an MDX chapter may use without importing them (passed to <Content components={…} />).
export const articleComponents = {};
