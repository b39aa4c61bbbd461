"""Check plans/questions.jsonl against plans/corpus/ (stdlib only).

For every gold entry: the file exists; the anchor is 15-40 characters, occurs exactly once in the
whole corpus folder (all files together) and lies inside the named article -- the text from the
line starting with that 第X条 up to the next article line or heading -- and, for 第X条第Y款, inside
that paragraph (item lines such as （一） belong to the paragraph above them). Also: ids unique,
type plan, 3-6 gold clauses, off_topic_docs exist in the corpus and are disjoint from gold files,
halves 12/12. Exit status 0 when everything passes.
"""
import collections
import json
import os
import re
import sys

BASE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(BASE, 'corpus')
NUM = '零〇一二三四五六七八九十百'
ART = re.compile(r'^第([%s]+)条(?:之[一二三四五六七八九十])?[\s　]*' % NUM)
ITEM = re.compile(r'^[\s　]*[（(][一二三四五六七八九十]+[)）]')
LABEL = re.compile(r'^第([%s]+)条(?:第([%s]+)款)?$' % (NUM, NUM))


def cn2int(s):
    digits = {'零': 0, '〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5,
              '六': 6, '七': 7, '八': 8, '九': 9}
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch == '十':
            total += (cur or 1) * 10
            cur = 0
        elif ch == '百':
            total += (cur or 1) * 100
            cur = 0
    return total + cur


def articles(text):
    """{article number: (start, end, [(para_start, para_end), ...])} by character offsets."""
    arts = {}
    cur = None
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip('\r\n'))
        pos += len(line)
        m = ART.match(line)
        if m:
            cur = cn2int(m.group(1))
            arts[cur] = [start, end, [[start, end]]]
            continue
        if line.startswith('#'):
            cur = None
            continue
        if cur is None or not line.strip():
            continue
        a = arts[cur]
        a[1] = end
        if ITEM.match(line):
            a[2][-1][1] = end
        else:
            a[2].append([start, end])
    return arts


def main():
    ok = True
    files = sorted(f for f in os.listdir(CORPUS) if not f.startswith('.'))
    texts = {f: open(os.path.join(CORPUS, f), encoding='utf-8').read() for f in files}
    parsed = {f: articles(t) for f, t in texts.items()}
    halves = collections.Counter()
    per_doc = collections.defaultdict(collections.Counter)
    ids = set()
    n_gold = 0
    lines = [l for l in open(os.path.join(BASE, 'questions.jsonl'), encoding='utf-8') if l.strip()]
    for l in lines:
        d = json.loads(l)
        errs = []
        if d['id'] in ids:
            errs.append('duplicate id')
        ids.add(d['id'])
        if d.get('type') != 'plan':
            errs.append('type')
        halves[d['half']] += 1
        if not 3 <= len(d['gold']) <= 6:
            errs.append('gold count %d' % len(d['gold']))
        gold_files = set()
        for g in d['gold']:
            n_gold += 1
            f, anchor = g['file'], g['anchor']
            gold_files.add(f)
            if f not in texts:
                errs.append('missing file %s' % f)
                continue
            if not 15 <= len(anchor) <= 40:
                errs.append('%s anchor length %d' % (g['clause'], len(anchor)))
            total = sum(t.count(anchor) for t in texts.values())
            if total != 1:
                errs.append('%s anchor occurs %d times in corpus' % (g['clause'], total))
            m = LABEL.match(g['clause'])
            if not m:
                errs.append('bad clause label %s' % g['clause'])
                continue
            a = parsed[f].get(cn2int(m.group(1)))
            off = texts[f].find(anchor)
            if a is None:
                errs.append('%s not found' % g['clause'])
                continue
            if not (a[0] <= off and off + len(anchor) <= a[1]):
                errs.append('%s anchor outside article' % g['clause'])
            if m.group(2):
                k = cn2int(m.group(2))
                if k > len(a[2]):
                    errs.append('%s has only %d paragraphs' % (g['clause'], len(a[2])))
                else:
                    ps, pe = a[2][k - 1]
                    if not (ps <= off and off + len(anchor) <= pe):
                        errs.append('%s anchor outside paragraph' % g['clause'])
        for f in sorted(gold_files):
            per_doc[f][d['half']] += 1
        for f in d.get('off_topic_docs', []):
            if f not in texts:
                errs.append('off_topic missing %s' % f)
            if f in gold_files:
                errs.append('off_topic is a gold file %s' % f)
        if not d.get('off_topic_docs'):
            errs.append('no off_topic_docs')
        if not d.get('key_points'):
            errs.append('no key_points')
        status = 'OK' if not errs else 'FAIL ' + '; '.join(errs)
        ok = ok and not errs
        print(d['id'], d['half'], len(d['gold']), 'gold', len(d['off_topic_docs']), 'off-topic', status)
    if len(lines) != 24 or halves['tuning'] != 12 or halves['validation'] != 12:
        ok = False
        print('FAIL counts: %d questions, halves %s' % (len(lines), dict(halves)))
    print('questions %d, gold clauses %d, halves %s' % (len(lines), n_gold, dict(halves)))
    print('questions per document and half:')
    for f in sorted(per_doc):
        print('  %s: %s' % (f, dict(per_doc[f])))
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
