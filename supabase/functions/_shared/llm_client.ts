// One call to an OpenAI-compatible chat completions API (OpenRouter by default) asking for the label of
// a client message. The answer must be strict JSON {"label": …, "confidence": …}; anything else —
// HTTP error, timeout, malformed body, a label outside the four — is an error for the circuit breaker.
import { z } from "zod";
import type { CachedLabel } from "./label_cache.ts";

const DEFAULT_LLM_BASE_URL = "https://openrouter.ai/api/v1";
// Long messages are requests anyway in practice; the head is enough to tell and keeps the call cheap.
const MAX_CHARS = 1_000;

export interface LlmConfig {
  /** settings.llm_enabled and an OPENROUTER_API_KEY present. */
  enabled: boolean;
  apiKey: string;
  /** OPENROUTER_BASE_URL, without a trailing /chat/completions. */
  baseUrl: string;
  /** settings.llm_model, e.g. "openai/gpt-4o-mini". */
  model: string;
  /** settings.llm_timeout_ms: the whole call's budget (2000 by default). */
  timeoutMs: number;
}

/** LlmConfig from the settings row and the env values (read by the caller's config loader). */
export function llmConfig(
  settings: { llm_enabled: boolean; llm_model: string; llm_timeout_ms: number },
  env: { OPENROUTER_API_KEY?: string; OPENROUTER_BASE_URL?: string },
): LlmConfig {
  const apiKey = env.OPENROUTER_API_KEY ?? "";
  return {
    enabled: settings.llm_enabled && apiKey !== "",
    apiKey,
    baseUrl: (env.OPENROUTER_BASE_URL || DEFAULT_LLM_BASE_URL).replace(/\/+$/, ""),
    model: settings.llm_model,
    timeoutMs: settings.llm_timeout_ms,
  };
}

const SYSTEM_PROMPT = `Ты классифицируешь сообщения клиентов бухгалтерской фирмы в Telegram-чате с бухгалтером.
Метки:
REQUEST — вопрос, просьба, проблема, документ или задача, на которые бухгалтер должен ответить или отреагировать;
GRATITUDE — благодарность без новой просьбы;
SPAM — подтверждение («ок», «понял»), приветствие без вопроса, реклама, сообщение не по делу;
CLARIFICATION — уточнение к уже заданному вопросу (реквизиты, период, сумма, поправка) без новой просьбы.
Если сомневаешься — REQUEST. Ответь только JSON: {"label":"REQUEST|GRATITUDE|SPAM|CLARIFICATION","confidence":0..1}`;

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});
const Answer = z.object({
  label: z.enum(["REQUEST", "SPAM", "GRATITUDE", "CLARIFICATION"]),
  confidence: z.number().min(0).max(1),
}).strict();

export async function askLlm(text: string, config: LlmConfig, fetchFn: typeof fetch = fetch): Promise<CachedLabel> {
  const response = await fetchFn(`${config.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "authorization": `Bearer ${config.apiKey}`, "content-type": "application/json", "x-title": "BuhBot" },
    body: JSON.stringify({
      model: config.model,
      temperature: 0,
      max_tokens: 40,
      response_format: { type: "json_object" },
      messages: [{ role: "system", content: SYSTEM_PROMPT }, { role: "user", content: text.slice(0, MAX_CHARS) }],
    }),
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  // The body is read under the same timeout signal: a server that stalls mid-body is a timeout too.
  const body = await response.text();
  if (!response.ok) throw new Error(`LLM HTTP ${response.status}: ${body.slice(0, 200)}`);
  const content = Completion.parse(JSON.parse(body)).choices[0].message.content;
  return Answer.parse(JSON.parse(content.trim()));
}
