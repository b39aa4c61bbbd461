import os
base = os.path.dirname(os.path.abspath(__file__))
import json,re,collections
CN='零一二三四五六七八九十百'
def cn2int(s):
    n=0;cur=0
    m={'零':0,'一':1,'二':2,'三':3,'四':4,'五':5,'六':6,'七':7,'八':8,'九':9}
    for ch in s:
        if ch in m: cur=m[ch]
        elif ch=='十': n+= (cur or 1)*10; cur=0
        elif ch=='百': n+= (cur or 1)*100; cur=0
    return n+cur
def clauses(path):
    arts={}; cur=None
    for line in open(path,encoding='utf-8'):
        line=line.rstrip('\n')
        if not line.strip(): continue
        m=re.match(r'^第([一二三四五六七八九十百零]+)条\s*(.*)',line)
        if m:
            cur=cn2int(m.group(1)); arts[cur]=[m.group(2)]; continue
        if line.startswith('#'): cur=None; continue
        if cur is None: continue
        if re.match(r'^\s*[（(][一二三四五六七八九十]+[)）]',line): arts[cur][-1]+=line
        else: arts[cur].append(line)
    return arts
ok=True; forms=collections.Counter(); per=collections.Counter()
for l in open(os.path.join(base, 'questions.jsonl'),encoding='utf-8'):
    d=json.loads(l); forms[d['form']]+=1
    for g in d['gold']:
        per[g['file']]+=1
        p=os.path.join(base, 'corpus', g['file']); txt=open(p,encoding='utf-8').read()
        m=re.match(r'第([一二三四五六七八九十百零]+)条(?:第([一二三四五六七八九十]+)款)?$',g['clause'])
        arts=clauses(p); a=cn2int(m.group(1)); paras=arts.get(a,[])
        body=''.join(paras) if not m.group(2) else paras[cn2int(m.group(2))-1]
        n=len(re.findall(r'[\u4e00-\u9fff]',g['anchor']))
        infile=g['anchor'] in txt; inclause=g['anchor'] in body
        cnt=txt.count(g['anchor'])
        if not(infile and inclause and 12<=n<=30) or cnt>1 or (not m.group(2) and len(paras)>1):
            ok=False
        print(d['id'],g['clause'],'file' if infile else 'NOFILE','clause' if inclause else 'NOCLAUSE',n,'x%d'%cnt,'paras=%d'%len(paras))
print(forms,ok); print(per)
import sys
sys.exit(0 if ok else 1)
