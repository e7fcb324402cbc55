/** The vouch command-line entry point. @module */
console.log("vouch");
