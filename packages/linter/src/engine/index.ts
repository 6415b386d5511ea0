export * from "./types";
export * from "./run";
export * from "./host";
export * from "./guest-type";
export * from "./suppressions";
export * from "./config";
export * from "./ignore";
export * from "./baseline";
