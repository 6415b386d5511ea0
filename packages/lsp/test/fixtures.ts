/** Small configs the language server's tests share. */

/** Two guests on one MAC (a cross-file `duplicate-mac` error in both), one with a `memory` assigned twice. */
export const GUEST_A = [
  'name = "alpha"',
  "memory = 512",
  "memory = 1024",
  'kernel = "/boot/vmlinuz"',
  'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]',
  "",
].join("\n");

export const GUEST_B = ['name = "beta"', "memory = 1024", 'kernel = "/boot/vmlinuz"', 'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]', ""].join("\n");
