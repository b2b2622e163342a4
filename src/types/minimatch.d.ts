// minimatch 5 ships no types; this is the one call the deploy selection makes, the same
// call (and the same installed release) cdktf's CLI uses to match stack patterns.
declare module "minimatch" {
  function minimatch(target: string, pattern: string): boolean;
  export default minimatch;
}
