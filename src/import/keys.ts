/**
 * The HA keys of each firmware family (`fortimail-config.md` §3), by scope. A key not listed
 * in its scope is unknown: a warning with a did-you-mean, never a failure (W1).
 *
 * `mapped` keys feed scenario fields; `listed` keys are read but not simulated, and appear in the
 * scenario as a comment; `secret` keys are skipped without their value.
 *
 * @module
 */

/** What the importer does with a key. */
export type KeyRole = "mapped" | "listed" | "secret";

/** The keys of one scope. */
export type KeyTable = Readonly<Record<string, KeyRole>>;

/** `config system ha` top level, 5.x–7.2 (the 7.0 layout; 4.x–6.x assumed the same). */
export const TOP_70: KeyTable = {
  mode: "mapped",
  "on-failure": "mapped",
  "hb-lost-threshold": "mapped",
  "heartbeat-1-interface": "listed",
  "heartbeat-1-ip": "listed",
  "heartbeat-1-peer": "listed",
  "heartbeat-2-interface": "mapped",
  "heartbeat-2-ip": "listed",
  "heartbeat-2-peer": "listed",
  "remote-services-as-heartbeat": "mapped",
  "mail-data-sync": "mapped",
  "mailqueue-data-sync": "mapped",
  "hard-drives-check": "mapped",
  "config-peer-ip": "listed",
  "hb-base-port": "listed",
  failover: "listed",
  "central-statistics": "listed",
  password: "secret",
};

/** `config system ha` top level, 7.4–8.0. */
export const TOP_74: KeyTable = {
  state: "mapped",
  type: "mapped",
  mode: "mapped",
  "hb-lost-threshold": "mapped",
  "remote-services-as-heartbeat": "mapped",
  "mail-data-sync": "mapped",
  "mailqueue-data-sync": "mapped",
  "action-on-failure": "mapped",
  "hb-base-port": "listed",
  "cluster-id": "listed",
  "ha-central-monitor-status": "listed",
  password: "secret",
};

/** `config interface` entries, 5.x–7.2. */
export const INTERFACE_70: KeyTable = {
  "heartbeat-status": "mapped",
  "peer-ip": "listed",
  "peer-ip6": "listed",
  "port-monitor": "listed",
  "virtual-ip": "listed",
  "virtual-ip6": "listed",
  "action-on-primary": "listed",
  status: "listed",
};

/** `config interface` entries, 7.4–8.0. */
export const INTERFACE_74: KeyTable = {
  "heartbeat-status": "mapped",
  "port-monitor": "mapped",
  "add-to-bridge": "listed",
  "virtual-ip": "listed",
  "virtual-ip6": "listed",
  "virtual-hostname": "listed",
};

/** `config member` entries, 7.4–8.0. */
export const MEMBER_74: KeyTable = {
  role: "mapped",
  ip: "listed",
  ipv6: "listed",
  hostname: "listed",
  comment: "listed",
  "primary-backup": "listed",
  group: "listed",
};

/** `config service` entries (every family with blocks); the entry names are fixed. */
export const SERVICE: KeyTable = {
  status: "mapped",
  "check-interval": "mapped",
  "check-timeout": "mapped",
  retries: "mapped",
  ip: "listed",
  port: "listed",
  hostname: "listed",
};

/** `config service` entry names → scenario probe (`rservice.<protocol>`) or check (`lservice.<check>`). */
export const SERVICE_ENTRIES: Readonly<Record<string, readonly ["rservice" | "lservice", string]>> =
  {
    "remote-smtp": ["rservice", "smtp"],
    "remote-pop": ["rservice", "pop3"],
    "remote-imap": ["rservice", "imap"],
    "remote-http": ["rservice", "http"],
    "local-ports": ["lservice", "ports"],
    "local-hd": ["lservice", "hd"],
  };

/** `set system ha <sub> …` sub-commands of 3.0 MR4. */
export const SUB_30: KeyTable = {
  mode: "mapped",
  "on-failure": "mapped",
  monitor: "mapped",
  lservice: "mapped",
  rservice: "mapped",
  interface: "listed",
  peer: "listed",
  "secondary-interface": "mapped",
  "secondary-peer": "listed",
  cpeer: "mapped",
  "remote-as-heartbeat": "mapped",
  takeover: "listed",
  config: "mapped",
  data: "mapped",
  datadir: "mapped",
  restart: "mapped",
  restore: "mapped",
  resync: "mapped",
  passwd: "secret",
};

/** 3.0 `rservice` protocol words → scenario protocols. */
export const PROTOCOLS_30: Readonly<Record<string, string>> = {
  smtp: "smtp",
  pop: "pop3",
  imap: "imap",
  http: "http",
};
