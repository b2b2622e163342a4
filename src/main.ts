import { synthesize } from "./app";
import { ConfigError } from "./config/errors";

try {
  synthesize();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
