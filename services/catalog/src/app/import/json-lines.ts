/**
 * Where each element of the top-level lists of a JSON document starts (`services[3]` → line),
 * so an import can report the line of a bad record (records are objects; anything else is
 * refused without a line). Assumes `JSON.parse` accepted the text.
 */
export function elementLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let depth = 0;
  let inString = false;
  let token = '';
  let lastString = '';
  let key = '';
  let index = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') {
        token += text[++i] ?? '';
        continue;
      }
      if (c === '"') {
        inString = false;
        lastString = token;
      } else token += c;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        token = '';
        break;
      case ':':
        if (depth === 1) key = lastString;
        break;
      case '{':
      case '[':
        if (depth === 1 && c === '[') index = -1;
        else if (depth === 2) lines.set(`${key}[${++index}]`, line);
        depth++;
        break;
      case '}':
      case ']':
        depth--;
        break;
    }
  }
  return lines;
}
