"""The one loop that runs tasks on an executor, and the one process-pool factory.

Every batch of simulations the project runs - replications, scenario batches, calibration
evaluations, sensitivity points and the app's runs - goes through `run_tasks` (or, for
callers that submit while they collect, `submit` and `outcomes`). The caller owns the
executor (`make_executor` or `process_pool`; None runs in this process). A task that raises
does not stop the others: it comes back as an `Outcome` with its error (the exception type,
message and traceback as text), as Mesa 4's `run_scenarios` records failed runs as data; the
caller decides what a failure means (`raise_failures`).

Results do not depend on the executor or the number of workers: every task carries its own
seed (tested: local processes, Dask and in-process give identical tables).
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing as mp
import os
import re
import threading
import time
import traceback
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm


class ExecutorError(ValueError):
    """An executor cannot be made from the options given; the message says what is allowed."""


class RunsFailedError(RuntimeError):
    """Some tasks raised; the others finished. `failures` holds their outcomes."""

    def __init__(self, failures: list[Outcome], what: str = "runs") -> None:
        self.failures = failures
        lines = [f"{len(failures)} {what} failed (the others finished):"]
        for o in failures[:10]:
            lines.append(f"  {o.key}: {o.error_line}")
        if len(failures) > 10:
            lines.append(f"  ... and {len(failures) - 10} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Outcome:
    """What one task gave: its value, or the error it raised (as text), never both."""

    key: Hashable
    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_line(self) -> str:
        """The last line of the traceback: 'ExceptionType: message'."""
        return (self.error or "").strip().splitlines()[-1] if self.error else ""


def process_pool(workers: int) -> cf.ProcessPoolExecutor:
    """A pool of `workers` fresh ('spawn') processes: nothing of the parent's state is shared, and
    each worker exits when the process that made the pool dies (even by SIGKILL), instead of
    living on with its memory."""
    return cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=mp.get_context("spawn"), initializer=_exit_with_parent, initargs=(os.getpid(),)
    )


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """Worker initializer: a daemon thread that ends the worker once `parent` is gone (the worker
    is then re-parented, so its parent pid changes)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextmanager
def make_executor(kind: str = "local", workers: int = 1, scheduler: str | None = None) -> Iterator[cf.Executor | None]:
    """An executor for the duration of a `with` block: None (in this process) for local with 1
    worker, a process pool for local with more, or a Dask client's executor (a LocalCluster with
    `workers` processes when no scheduler address is given)."""
    if kind == "local":
        if scheduler:
            raise ExecutorError("--scheduler goes with --executor dask")
        if workers <= 1:
            yield None
            return
        ex = process_pool(workers)
        try:
            yield ex
        finally:
            ex.shutdown(wait=True, cancel_futures=True)
        return
    if kind != "dask":
        raise ExecutorError(f"--executor {kind!r}: allowed: local, dask")
    from distributed import Client, LocalCluster  # heavy: imported only when Dask is asked for

    cluster = None
    if scheduler:
        if not re.fullmatch(r"(tcp|tls|inproc|ucx|ws|wss)://[^\s/]+(:\d{1,5})?", scheduler):
            raise ExecutorError(f"--scheduler {scheduler[:80]!r}: allowed: an address such as tcp://host:8786")
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as e:
            raise ExecutorError(
                f"--scheduler {scheduler}: cannot connect ({type(e).__name__}: {str(e)[:200]})"
            ) from None
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def submit(executor: cf.Executor | None, fn: Callable[..., Any], *args: Any) -> cf.Future:
    """`executor.submit(fn, *args)`, or run it here at once when there is no executor (its
    exception, if any, is kept in the future as an executor would keep it)."""
    if executor is not None:
        return executor.submit(fn, *args)
    fut: cf.Future = cf.Future()
    try:
        fut.set_result(fn(*args))
    except Exception as e:  # recorded as the task's outcome, as a worker's would be
        fut.set_exception(e)
    return fut


def outcome_of(key: Hashable, fut: cf.Future) -> Outcome:
    """The outcome of a finished future (its exception as text, with the worker's traceback)."""
    err = fut.exception()
    if err is None:
        return Outcome(key, fut.result())
    return Outcome(key, error="".join(traceback.format_exception(type(err), err, err.__traceback__)))


def outcomes(pending: dict[cf.Future, Hashable], timeout: float | None = None) -> Iterator[Outcome]:
    """Outcomes of `pending` futures (future -> key) in the order they finish. `timeout` bounds
    the wait for all of them (a dead or hung worker raises TimeoutError, not a hang)."""
    try:
        for fut in cf.as_completed(list(pending), timeout=timeout):
            yield outcome_of(pending[fut], fut)
    finally:
        for fut in pending:
            fut.cancel()


def run_tasks(
    fn: Callable[..., Any],
    tasks: Iterable[tuple[Hashable, tuple]],
    executor: cf.Executor | None = None,
    *,
    progress: bool | None = False,
    desc: str = "runs",
    total: int | None = None,
    initial: int = 0,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    """Run `fn(*args)` for each `(key, args)` of `tasks` on `executor` (None: here, one after the
    other) and yield each `Outcome` as it finishes. `progress`: a progress bar (None: only on a
    terminal); `total`, `initial`: its length and start (for resumed batches)."""
    tasks = list(tasks)
    bar = tqdm(
        total=total if total is not None else len(tasks),
        initial=initial,
        unit="run",
        desc=desc,
        disable=(not progress) if progress is not None else None,
    )
    try:
        if executor is None:  # in order, here
            for key, args in tasks:
                yield outcome_of(key, submit(None, fn, *args))
                bar.update()
        else:
            pending = {executor.submit(fn, *args): key for key, args in tasks}
            for o in outcomes(pending, timeout):
                yield o
                bar.update()
    finally:
        bar.close()


def collect(outs: Iterable[Outcome], what: str = "runs") -> dict[Hashable, Any]:
    """Values by key of outcomes that must all have succeeded (else `RunsFailedError`, after all ran)."""
    values, failed = {}, []
    for o in outs:
        if o.ok:
            values[o.key] = o.value
        else:
            failed.append(o)
    raise_failures(failed, what)
    return values


def raise_failures(failed: list[Outcome], what: str = "runs") -> None:
    if failed:
        raise RunsFailedError(failed, what)
