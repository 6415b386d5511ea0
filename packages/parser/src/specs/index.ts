export * from "./spec-text";
