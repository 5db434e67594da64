// In every test worker: fast-check runs with the seed the global setup chose (FC_SEED).
import fc from "fast-check";

const seed = Number(process.env.FC_SEED ?? "0");
fc.configureGlobal({ seed });
