"""`signaldesk users add|list|plan|key`: accounts, trials, the operator role and API keys."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime, timedelta

from signaldesk.accounts.users import Accounts, Plan, parse_duration
from signaldesk.errors import InputError
from signaldesk.settings import Settings
from signaldesk.store import open_store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = sub.add_parser("users", help="manage accounts, trials and API keys")
    verbs = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    add = verbs.add_parser("add", help="create an account (a free trial by default)")
    add.add_argument("email")
    add.add_argument("--trial", metavar="DURATION", help="trial length: 14d, 2w, 36h (default: "
                     "the trial_days setting)")
    add.add_argument("--paid", action="store_true", help="a paid plan instead of a trial")
    add.add_argument("--password", help="the password (prompted for when omitted)")
    add.add_argument("--operator", action="store_true",
                     help="may administer sources (the /sources page and API)")
    add.set_defaults(handler=_add)

    lister = verbs.add_parser("list", help="list accounts with their plan and status")
    lister.set_defaults(handler=_list)

    plan = verbs.add_parser("plan", help="change an account's plan (extend a trial, go paid)")
    plan.add_argument("email")
    choice = plan.add_mutually_exclusive_group()
    choice.add_argument("--trial", metavar="DURATION", help="a new trial from now: 14d, 2w")
    choice.add_argument("--paid", action="store_true", help="a paid plan without end")
    choice.add_argument("--free", action="store_true", help="free items only")
    role = plan.add_mutually_exclusive_group()
    role.add_argument("--operator", dest="operator", action="store_const", const=True,
                      help="grant the operator role (administer sources)")
    role.add_argument("--no-operator", dest="operator", action="store_const", const=False,
                      help="withdraw the operator role")
    plan.set_defaults(handler=_plan)

    key = verbs.add_parser("key", help="make an API key (Authorization: Bearer KEY) for a user")
    key.add_argument("email")
    key.add_argument("--label", default="", help="a note to recognise the key by")
    key.set_defaults(handler=_key)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    password = args.password if args.password is not None else _prompt_password()
    trial = parse_duration(args.trial) if args.trial else timedelta(days=settings.trial_days)
    store = open_store(settings)
    try:
        user = Accounts(store).add(
            args.email, password, plan="paid" if args.paid else "trial", trial=trial,
            operator=args.operator,
        )
    finally:
        store.close()
    until = user.trial_ends_at.isoformat(timespec="minutes") if user.trial_ends_at else "-"
    print(f"added {user.email} plan={user.plan} trial_ends_at={until}{_role(user.operator)}")
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        users = Accounts(store).list_users()
    finally:
        store.close()
    now = datetime.now(UTC)
    print(f"{'email':40} {'plan':6} {'status':8} {'trial_ends_at':17} role")
    for user in sorted(users, key=lambda u: u.email):
        ends = user.trial_ends_at.isoformat(timespec="minutes") if user.trial_ends_at else "-"
        role = "operator" if user.operator else "-"
        print(f"{user.email:40} {user.plan:6} {user.status(now):8} {ends:17} {role}")
    return 0


def _plan(args: argparse.Namespace, settings: Settings) -> int:
    changes_plan = bool(args.trial or args.paid or args.free)
    if not changes_plan and args.operator is None:
        raise InputError("users plan: give --trial, --paid or --free, and/or --[no-]operator")
    trial = parse_duration(args.trial) if args.trial else None
    plan: Plan = "trial" if trial else ("paid" if args.paid else "free")
    store = open_store(settings)
    try:
        accounts = Accounts(store)
        user = accounts.require(args.email)
        if changes_plan:
            user = accounts.set_plan(args.email, plan, trial=trial)
        if args.operator is not None:
            user = accounts.set_operator(args.email, args.operator)
    finally:
        store.close()
    until = user.trial_ends_at.isoformat(timespec="minutes") if user.trial_ends_at else "-"
    print(f"{user.email} plan={user.plan} trial_ends_at={until}{_role(user.operator)}")
    return 0


def _role(operator: bool) -> str:
    return " role=operator" if operator else ""


def _key(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        token = Accounts(store).create_api_key(args.email, label=args.label)
    finally:
        store.close()
    print(token)
    print("shown once: only its hash is stored", file=sys.stderr)
    return 0


def _prompt_password() -> str:
    if not sys.stdin.isatty():
        raise InputError("users add: no --password given and no terminal to prompt on")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise InputError("users add: the two passwords differ")
    return first
