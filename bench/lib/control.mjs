/** A simulator's control API (`/_sim/…`): the parsed JSON answer, or an error naming the call. */
export async function simControl(url, method, path, body) {
  const res = await fetch(`${url}/_sim/${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} /_sim/${path}: ${json.error}`);
  return json;
}
