import { Fragment, type ReactNode } from 'react';

// Telegram's HTML subset, rendered as React elements: only these tags survive, every other tag keeps
// just its text, and text is never injected as markup — a message is shown as Telegram would show it
// and cannot run anything in the console.
const TAGS: Record<string, string> = {
    b: 'strong', strong: 'strong', i: 'em', em: 'em', u: 'u', ins: 'u', s: 's', strike: 's', del: 's',
    code: 'code', pre: 'pre', blockquote: 'blockquote',
};

function render(node: Node, key: number): ReactNode {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (!(node instanceof Element)) return null;
    const children = [...node.childNodes].map(render);
    const tag = node.tagName.toLowerCase();
    const href = node.getAttribute('href') ?? '';
    if (tag === 'a' && /^(https?|tg):/.test(href)) {
        return <a key={key} href={href} target="_blank" rel="noreferrer noopener">{children}</a>;
    }
    const Tag = TAGS[tag] as 'strong' | undefined;
    return Tag ? <Tag key={key}>{children}</Tag> : <Fragment key={key}>{children}</Fragment>;
}

export const TelegramHtml = ({ text, html }: { text: string; html: boolean }) => {
    if (!html) return <>{text}</>;
    const body = new DOMParser().parseFromString(`<body>${text}</body>`, 'text/html').body;
    return <>{[...body.childNodes].map(render)}</>;
};
