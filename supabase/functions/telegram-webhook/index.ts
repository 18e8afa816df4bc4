// Telegram webhook (placeholder until the webhook issue lands): verifies the secret header.
const secret = Deno.env.get("TELEGRAM_WEBHOOK_SECRET");
if (!secret) throw new Error("TELEGRAM_WEBHOOK_SECRET is not set");
Deno.serve((req) => {
  if (req.headers.get("x-telegram-bot-api-secret-token") !== secret) return new Response("unauthorized", { status: 401 });
  return new Response("ok");
});
