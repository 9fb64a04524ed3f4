// Imported first by server.ts: React and Remix pick their production or development build from
// NODE_ENV when they are loaded, so it must be set before anything imports them.
process.env.NODE_ENV = process.argv.includes("--dev") ? "development" : "production";
