// Serves the local Sigstore instance of _mock_stack.ts over HTTP on 127.0.0.1
// (an ephemeral port), for the tests that run the vouch CLI as a process.
// Prints one JSON line, `{"url": …, "trustedRootJson": …}`, once it serves;
// `GET /requests` lists the requests served. Stops when killed.
import { makeMockStack, type MockStack } from "./_mock_stack.ts";

if (import.meta.main) {
  const ready = Promise.withResolvers<MockStack>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const stack = await ready.promise;
      if (new URL(request.url).pathname === "/requests") return Response.json(stack.requests);
      return stack.handle(request);
    },
  );
  const stack = await makeMockStack(`http://127.0.0.1:${server.addr.port}`);
  ready.resolve(stack);
  console.log(JSON.stringify({ url: stack.url, trustedRootJson: stack.trustedRootJson }));
}
