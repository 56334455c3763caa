// All user-facing wording of the provider, in one module: every sentence a user can read (check failures,
// preview warnings, lifecycle errors, client errors) is built by a small named function here, so the wording
// stays consistent and this one folder can be audited for leaked secrets. Other modules import from here.
export * from "./quote";
export * from "./inputs";
export * from "./lifecycle";
export * from "./client";
