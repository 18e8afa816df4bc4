// Reading configuration from the environment: empty means unset, every problem is named at once.
import assert from "node:assert/strict";
import { z } from "zod";
import { baseUrl, ConfigError, LogLevel, readEnv } from "../_shared/env.ts";

const Schema = z.object({
  NAME: z.string().regex(/^[a-z]+$/, "must be lowercase letters"),
  ROOT: baseUrl().default("https://example.org"),
  COUNT: z.coerce.number().int().default(3),
  NOTE: z.string().optional(),
  LOG_LEVEL: LogLevel,
});

Deno.test("readEnv: values, defaults and empty values", () => {
  const table: [string, Record<string, string | undefined>, z.infer<typeof Schema>][] = [
    ["defaults", { NAME: "a" }, { NAME: "a", ROOT: "https://example.org", COUNT: 3, LOG_LEVEL: "info" }],
    [
      "empty is unset",
      { NAME: "a", ROOT: "", COUNT: "", NOTE: "", LOG_LEVEL: "" },
      { NAME: "a", ROOT: "https://example.org", COUNT: 3, LOG_LEVEL: "info" },
    ],
    [
      "given values; trailing slashes dropped",
      { NAME: "a", ROOT: "http://x:1//", COUNT: "7", NOTE: "n", LOG_LEVEL: "debug" },
      { NAME: "a", ROOT: "http://x:1", COUNT: 7, NOTE: "n", LOG_LEVEL: "debug" },
    ],
    ["unknown variables are ignored", { NAME: "a", PATH: "/bin" }, {
      NAME: "a",
      ROOT: "https://example.org",
      COUNT: 3,
      LOG_LEVEL: "info",
    }],
  ];
  for (const [name, env, expected] of table) assert.deepEqual(readEnv(Schema, env), expected, name);
});

Deno.test("readEnv: every problem on its own line, naming the variable", () => {
  const table: [Record<string, string | undefined>, string[]][] = [
    [{}, ["NAME is required"]],
    [{ NAME: "" }, ["NAME is required"]],
    [{ NAME: "A" }, ["NAME must be lowercase letters"]],
    [{ NAME: "A", ROOT: "nope", LOG_LEVEL: "loud" }, [
      "NAME must be lowercase letters",
      "ROOT must be a URL",
      "LOG_LEVEL Invalid enum value. Expected 'debug' | 'info' | 'warn' | 'error', received 'loud'",
    ]],
  ];
  for (const [env, problems] of table) {
    assert.throws(() => readEnv(Schema, env), (e) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.message, ["invalid configuration:", ...problems.map((p) => `  ${p}`)].join("\n"));
      return true;
    });
  }
});
