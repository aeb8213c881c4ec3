// Replaced by the database-target setup of the foundation; kept minimal so pure tests run meanwhile.
export default function setup(): void {}
