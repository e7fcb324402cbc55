# vouch as a container image: a standalone binary on a distroless base.
#   docker build -t vouch .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" vouch attest --subject 'dist/*'

# Stage 1: compile main.ts with the permissions and V8 flags the release binaries get.
FROM denoland/deno:2.9.6 AS build
WORKDIR /src
COPY deno.json deno.lock main.ts ./
COPY src/ src/
RUN deno compile --frozen --allow-read --allow-write --allow-env --allow-net \
      --v8-flags=--no-opt,--no-maglev,--max-semi-space-size=2,--single-threaded,--no-lazy \
      --include src/provenance/_hash_worker.ts --output /out/vouch main.ts

# Stage 2: only the binary, run as the unprivileged user.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/vouch /usr/local/bin/vouch
USER nonroot
WORKDIR /work
ENTRYPOINT ["vouch"]
