// Private: the one spelling of a git source that every reader gives as a purl
// `vcs_url` qualifier and an SPDX `downloadLocation`: the SPDX 2.3 form
// `<vcs_tool>+<transport>://<host>/<path>[@<revision>][#<sub_path>]` (a `#`
// starts the sub-path there, never a revision).
import { decodePercent } from "./_url.ts";
import { withoutTrailing } from "../_util.ts";

/** git's scp-like syntax `user@host:path` (no scheme, the path not starting `//`). */
const SCP_LIKE = /^([\w.-]+@[\w.-]+):(?!\/\/)(.+)$/;

/** npm's `git+ssh://user@host:path` (a user required; `:22/…` is a port, no path). */
const SSH_SCP_LIKE = /^(?:git\+)?ssh:\/\/([^/@#:]+@[^/:#]+):(?!\d+(?:\/|$))(.+)$/s;

/** The hosts of npm's hosted-git shorthands (`github:owner/repo`). */
const SHORTHAND_HOSTS: Readonly<Record<string, string>> = {
  github: "github.com",
  gitlab: "gitlab.com",
  bitbucket: "bitbucket.org",
};

/** Options of {@linkcode gitVcsUrl}. */
export interface GitVcsUrlOptions {
  /**
   * The folder of the repository the package is built from (uv's and pip's
   * `subdirectory`), written as the SPDX `#<sub_path>`; empty or `/` is the
   * repository's root.
   */
  subPath?: string;
}

/**
 * The VCS URL of a git checkout: `git+<url>@<revision>[#<sub_path>]`. A
 * location written scp-style, as git accepts it
 * (`git@github.com:owner/repo.git`, common for private repositories in
 * Gemfile.lock `GIT` remotes and composer sources), is the `ssh://` URL it
 * stands for.
 *
 * @example
 * ```ts
 * import { gitVcsUrl } from "./_vcs.ts";
 * gitVcsUrl("git@github.com:acme/x.git", "abc"); // "git+ssh://git@github.com/acme/x.git@abc"
 * gitVcsUrl("https://github.com/acme/x", "abc", { subPath: "libs/y" });
 * // "git+https://github.com/acme/x@abc#libs/y"
 * ```
 *
 * @param url The repository URL (with or without `git+`).
 * @param revision The resolved commit (or tag, branch), if known.
 * @param options The sub-path, if the package is not at the repository's root.
 * @returns The VCS URL.
 */
export function gitVcsUrl(
  url: string,
  revision: string | undefined,
  options: GitVcsUrlOptions = {},
): string {
  const scp = SCP_LIKE.exec(url);
  const base = scp ? `git+ssh://${scp[1]}/${scp[2]}` : url.startsWith("git+") ? url : `git+${url}`;
  return withSubPath(revision ? `${base}@${revision}` : base, options.subPath);
}

/**
 * A VCS URL (of any tool: `git+`, `hg+`, …) with the folder the package is
 * built from as the SPDX `#<sub_path>`; an empty, `.` or `/` folder is the
 * repository's root and adds nothing.
 *
 * @example
 * ```ts
 * import { withSubPath } from "./_vcs.ts";
 * withSubPath("hg+https://h.example/x@abc", "./libs/y/"); // "hg+https://h.example/x@abc#libs/y"
 * ```
 *
 * @param vcsUrl The VCS URL, without a sub-path.
 * @param subPath The folder, if any.
 * @returns The VCS URL with its sub-path.
 */
export function withSubPath(vcsUrl: string, subPath: string | undefined): string {
  const folder = subPathFolder(subPath);
  return folder ? `${vcsUrl}#${folder}` : vcsUrl;
}

/**
 * The folder a package is built from, as a sub-path: no leading `./` or `/`,
 * no trailing `/`; empty for the root (none, empty, `.` or `/`).
 *
 * @example
 * ```ts
 * import { subPathFolder } from "./_vcs.ts";
 * subPathFolder("./libs/y/"); // "libs/y"
 * ```
 *
 * @param subPath The folder as written, if any.
 * @returns The folder, `""` for the root.
 */
export function subPathFolder(subPath: string | undefined): string {
  if (subPath === undefined) return "";
  return withoutTrailing(subPath.replace(/^(?:\.?\/)+/, ""), "/").replace(/^\.$/, "");
}

/**
 * A remote on a public git host as npm-family locks write it, whatever the
 * transport: `git+ssh://git@github.com/o/r.git`, `git://github.com/o/r`,
 * `https://github.com/o/r.git`, scp-like `git@github.com:o/r.git` (after
 * `git+ssh://` too, as pnpm writes it). Group 1 is the host, 2 the path
 * (`.git` and all).
 */
const HOSTED_REMOTE =
  /^(?:git\+)?(?:(?:https?|ssh|git):\/\/)?(?:[^@/]*@)?(github\.com|gitlab\.com|bitbucket\.org)(?::\d+(?=\/))?[:/](.*)$/;

/**
 * The one spelling of a repository on a public git host (GitHub, GitLab,
 * Bitbucket: npm's hosted git hosts): `https://<host>/<path>.git`, the form
 * npm gives a hosted shorthand and the SPDX and purl-spec examples of a git
 * `vcs_url` use (`git://host.com/path/to/repo.git@<commit>`). npm, Yarn, pnpm
 * and Bun write the same dependency (`github:owner/repo#<commit>`) as an ssh
 * remote, a shorthand, an https remote or a codeload archive: one repository,
 * so one `vcs_url`. Credentials in the remote are dropped. `undefined` for a
 * location elsewhere, or not a repository's (a GitHub path is `owner/repo`).
 *
 * @example
 * ```ts
 * import { hostedGitUrl } from "./_vcs.ts";
 * hostedGitUrl("git+ssh://git@github.com/acme/x.git"); // "https://github.com/acme/x.git"
 * hostedGitUrl("github:acme/x"); // "https://github.com/acme/x.git"
 * ```
 *
 * @param location The remote or shorthand, without a fragment.
 * @returns The https URL, or `undefined`.
 */
export function hostedGitUrl(location: string): string | undefined {
  const shorthand = /^(github|gitlab|bitbucket):(.+)$/.exec(location);
  const remote = shorthand
    ? [SHORTHAND_HOSTS[shorthand[1]], shorthand[2]]
    : HOSTED_REMOTE.exec(location)?.slice(1);
  if (remote === undefined) return undefined;
  const [host, written] = remote;
  const path = written.replace(/(?:\.git)?\/?$/, "");
  // GitLab nests groups; a GitHub or Bitbucket repository is `owner/repo` (a shorthand is
  // expanded as npm expands it).
  const repository = host === "gitlab.com" ? /^[\w.-]+(?:\/[\w.-]+)+$/ : /^[\w.-]+\/[\w.-]+$/;
  return shorthand || repository.test(path) ? `https://${host}/${path}.git` : undefined;
}

/**
 * The VCS URL of a git reference as npm-family locks and manifests write it:
 * a URL (`git+ssh://…`, `git://…`, `https://….git`), an scp-like location or
 * a hosted shorthand (`github:owner/repo`), with the revision in the
 * fragment: `#<commit>`, Yarn Berry's `#commit=<sha>` (or `#commit:<sha>`,
 * among other `key=value` parameters), or a branch or tag. A `semver:` range
 * in the fragment names no revision. A repository on a public git host has
 * one spelling, however it is reached (see {@linkcode hostedGitUrl}).
 *
 * @example
 * ```ts
 * import { npmGitVcsUrl } from "./_vcs.ts";
 * npmGitVcsUrl("github:acme/x#abc"); // "git+https://github.com/acme/x.git@abc"
 * npmGitVcsUrl("git+ssh://git@github.com/acme/x.git#abc"); // "git+https://github.com/acme/x.git@abc"
 * npmGitVcsUrl("git+ssh://git@git.acme.dev/x.git#abc"); // "git+ssh://git@git.acme.dev/x.git@abc"
 * ```
 *
 * @param ref The reference as written.
 * @returns The VCS URL.
 */
export function npmGitVcsUrl(ref: string): string {
  const hash = ref.indexOf("#");
  const written = hash === -1 ? ref : ref.slice(0, hash);
  // `git+ssh://user@host:path`, an scp-like location after the scheme, as npm-package-arg reads
  // it (fromURL: a `:` not before a port number) and Bun and pnpm write it: `ssh://user@host/path`.
  const scp = SSH_SCP_LIKE.exec(written);
  const location = scp ? `git+ssh://${scp[1]}/${scp[2]}` : written;
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  const commit = /(?:^|&)commit[=:]([^&]+)/.exec(fragment);
  const revision = commit
    ? commit[1]
    : fragment.includes("=") || fragment.startsWith("semver:")
    ? undefined
    : decodePercent(fragment);
  return gitVcsUrl(hostedGitUrl(location) ?? location, revision);
}
