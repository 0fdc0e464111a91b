import sys, re, subprocess, collections
f = sys.argv[1]; skip = float(sys.argv[2]) if len(sys.argv) > 2 else 0
out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '64', f], capture_output=True, text=True).stdout
evs = []
for ev in out.split('jdk.ExecutionSample')[1:]:
    m = re.search(r'startTime = (\d+):(\d+):([\d.]+)', ev)
    t = int(m.group(1))*3600 + int(m.group(2))*60 + float(m.group(3))
    frames = re.findall(r'^\s+([\w.$<>]+)\(.*?line: \d+', ev, re.M)
    if frames: evs.append((t, frames))
t0 = min(t for t, _ in evs)
evs = [e for e in evs if (len(sys.argv) < 4 or any(sys.argv[3] in x for x in e[1]))]
lo = min(e[0] for e in evs); hi = max(e[0] for e in evs)
evs = [e for e in evs if e[0] >= lo + skip * (hi - lo)]
selfc = collections.Counter(); incl = collections.Counter(); n = len(evs)
for t, frames in evs:
    selfc[frames[0]] += 1
    for fr in set(frames):
        incl[fr] += 1
print('samples', n)
print('--- self')
for k, v in selfc.most_common(30): print(f'{100*v/n:5.1f}% {k}')
print('--- inclusive')
for k, v in incl.most_common(80):
    if 'org.gyrus' in k: print(f'{100*v/n:5.1f}% {k}')
