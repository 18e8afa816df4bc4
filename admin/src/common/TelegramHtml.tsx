import { Fragment, type ReactNode } from 'react';

// Telegram's HTML subset, rendered as React elements: only these tags survive, every other tag keeps
// just its text, no attribute but a link's http(s)/tg/mailto href is ever copied, and text is never
// injected as markup — a message is shown as Telegram would show it and cannot run anything in the console.
const TAGS: Record<string, string> = {
    b: 'strong', strong: 'strong', i: 'em', em: 'em', u: 'u', ins: 'u', s: 's', strike: 's', del: 's',
    code: 'code', pre: 'pre', blockquote: 'blockquote',
};
const SAFE_LINK = /^(https?|tg|mailto):/i;
const spoiler = { background: '#ccc', color: 'transparent', borderRadius: 2, textShadow: '0 0 6px #888' };

function render(node: Node, key: number): ReactNode {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (!(node instanceof Element)) return null;
    const children = [...node.childNodes].map(render);
    const tag = node.tagName.toLowerCase();
    const href = node.getAttribute('href')?.trim() ?? '';
    if (tag === 'a' && SAFE_LINK.test(href)) {
        return <a key={key} href={href} target="_blank" rel="noreferrer noopener">{children}</a>;
    }
    if (tag === 'tg-spoiler' || (tag === 'span' && node.classList.contains('tg-spoiler'))) {
        return <span key={key} style={spoiler} title="спойлер">{children}</span>;
    }
    const Tag = TAGS[tag] as 'strong' | undefined;
    return Tag ? <Tag key={key}>{children}</Tag> : <Fragment key={key}>{children}</Fragment>;
}

// Long words and links wrap anywhere rather than widening the page; line breaks are kept as Telegram does.
const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

export const TelegramHtml = ({ text, html }: { text: string; html: boolean }) => {
    if (!html) return <span style={wrap}>{text}</span>;
    // A template element's content is inert: nothing in it loads or runs while it is parsed.
    const template = document.createElement('template');
    template.innerHTML = text;
    return <span style={wrap} data-testid="telegram-html">{[...template.content.childNodes].map(render)}</span>;
};
