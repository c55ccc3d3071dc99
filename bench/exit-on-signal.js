/** Preloaded with --cpu-prof: exit normally on SIGTERM so that Node writes the profile. */
process.once('SIGTERM', () => process.exit(0));
