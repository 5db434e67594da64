/**
 * FortiMail's on-failure policies and configured modes: the vocabulary of the role machine.
 *
 * @module
 */

/** FortiMail `on-failure` policy (3.0 names; 7.x `restore-role` = restore, `become-secondary` = slave). */
export type Policy = "off" | "restore" | "slave";
export const POLICIES: readonly Policy[] = ["off", "restore", "slave"];
/** 7.x aliases accepted on input and mapped to the 3.0 names. */
export const POLICY_ALIASES: Readonly<Record<string, Policy>> = {
  "restore-role": "restore",
  "become-secondary": "slave",
  "switch-off": "off",
};

/** Configured HA mode of a unit (`set system ha mode`). */
export type ConfiguredMode = "master" | "slave";
