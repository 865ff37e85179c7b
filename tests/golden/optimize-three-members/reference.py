"""Independent reference for case.json: the vote model's closed form for this world
(docs/vote-model.md with the vote.* defaults), enumerated over every subset."""
import itertools, math

base = {"AAA": 0.2, "BBB": 0.1, "CCC": -0.2}
actions = {  # id: (cost, member, d_alignment, lobbying, aid)
    "visit_aaa": (5, "AAA", 0.3, 0, 0), "lobby_bbb": (4, "BBB", 0, 1, 0),
    "visit_bbb": (8, "BBB", 0.4, 0, 0), "aid_ccc": (20, "CCC", 0, 0, 500),
    "visit_ccc": (6, "CCC", 0.5, 0, 0)}

def p_yes(u):
    return 0.975 / (1 + math.exp(-(u - 0.15) / 0.25))

def p_pass(plan):
    ps = []
    for m, a0 in base.items():
        a, lob, aid = a0, 0.0, 0.0
        for k in plan:
            _, who, da, dl, dd = actions[k]
            if who == m:
                a = max(-1.0, min(1.0, a + da)); lob = min(1.0, lob + dl); aid += dd
        tie = 0.5 * a + 0.5 * (aid / (aid + 500) if aid > 0 else 0)
        ps.append(p_yes(tie * (1 + lob)))
    a, b, c = ps
    return a*b*c + a*b*(1-c) + a*(1-b)*c + (1-a)*b*c

def best(budget, target):
    top = None
    for r in range(len(actions) + 1):
        for plan in itertools.combinations(sorted(actions), r):
            cost = sum(actions[k][0] for k in plan)
            if cost > budget: continue
            p = p_pass(plan)
            key = (p >= target, -cost if p >= target else p, -cost)
            if top is None or key > top[0]: top = (key, plan, cost, p)
    return top[1:]

print("p_before", p_pass(()))
for budget, target in [(30, 0.5), (12, 0.5), (30, 0.9)]:
    print(budget, target, best(budget, target))
