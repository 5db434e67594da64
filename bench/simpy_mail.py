"""The no-fault mail model of `npm run bench` (item 4) in SimPy 2, the reference hasim's mail
throughput is compared with in the same run.

Same model and parameters as hasim's `baseline` scenario with no faults: Poisson arrivals at
RATE mails/s, one spool (a FIFO Store), C delivery workers each taking the oldest mail and
holding it for an Exp(mean DELIVERY_S) delivery time. Like hasim it counts arrivals and
deliveries and records each delivered mail's latency (sum and maximum), so both programs do the
same bookkeeping per mail.

Debian's python3-simpy is SimPy 2.3.1: module `SimPy`, the classic `yield hold, self, t` API
(see ../shared/bench/hold_simpy2.py). SimPy 3+ (`import simpy`) is a different API and is not
used here.

Usage: python3 simpy_mail.py HORIZON_S [RATE] [WORKERS] [DELIVERY_S]
Prints one JSON line: mails (arrived), delivered, sim_s, sec (wall, simulation only),
mails_per_s, cpu_sec and mails_per_cpu_s (CPU time of the simulation only), latency_mean_s.
"""
import json
import random
import sys
import time

import SimPy
from SimPy.Simulation import Process, Store, activate, get, hold, initialize, now, put, simulate

HORIZON_S = float(sys.argv[1]) if len(sys.argv) > 1 else 3600.0
RATE = float(sys.argv[2]) if len(sys.argv) > 2 else 50.0
WORKERS = int(sys.argv[3]) if len(sys.argv) > 3 else 8
DELIVERY_S = float(sys.argv[4]) if len(sys.argv) > 4 else 0.1

arrived = 0
delivered = 0
latency_sum = 0.0
latency_max = 0.0


class Sender(Process):
    """Poisson arrivals: each mail is its acceptance time, put on the spool."""

    def run(self, rnd, spool):
        global arrived
        while True:
            yield hold, self, rnd.expovariate(RATE)
            if now() >= HORIZON_S:
                return
            arrived += 1
            yield put, self, spool, [now()]


class Worker(Process):
    """A delivery worker: takes the oldest mail, delivers it in Exp(DELIVERY_S), records latency."""

    def run(self, rnd, spool):
        global delivered, latency_sum, latency_max
        while True:
            yield get, self, spool, 1
            accepted = self.got[0]
            yield hold, self, rnd.expovariate(1.0 / DELIVERY_S)
            delivered += 1
            lat = now() - accepted
            latency_sum += lat
            if lat > latency_max:
                latency_max = lat


initialize()
spool = Store(capacity="unbounded", name="spool")
arrivals_rng = random.Random(1)
delivery_rng = random.Random(2)
sender = Sender()
activate(sender, sender.run(arrivals_rng, spool))
for _ in range(WORKERS):
    w = Worker()
    activate(w, w.run(delivery_rng, spool))
t0 = time.perf_counter()
c0 = time.process_time()
# Run past the horizon by a margin so the last mails are delivered (the spool drains in seconds).
simulate(until=HORIZON_S + 3600.0)
sec = time.perf_counter() - t0
cpu_sec = time.process_time() - c0
print(
    json.dumps(
        {
            "simpy": SimPy.__version__,
            "mails": arrived,
            "delivered": delivered,
            "sim_s": HORIZON_S,
            "sec": round(sec, 4),
            "mails_per_s": round(arrived / sec),
            "cpu_sec": round(cpu_sec, 4),
            "mails_per_cpu_s": round(arrived / cpu_sec),
            "latency_mean_s": latency_sum / delivered if delivered else None,
        }
    )
)
