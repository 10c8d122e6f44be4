// Placeholder until the database template is wired (replaced by the foundation work).
export default async function setup(): Promise<void> {}
