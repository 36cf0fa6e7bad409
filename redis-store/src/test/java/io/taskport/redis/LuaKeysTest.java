package io.taskport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY.md scenario 13: every key a Lua script touches is passed in {@code KEYS}. The test
 * reads each script as it runs ({@code lib.lua} in front), finds every {@code redis.call}, and
 * checks its key argument: {@code KEYS[...]} itself, or a name bound only to {@code KEYS[...]},
 * directly or as a parameter of a helper that every caller hands a key. A key name built inside a
 * script (a literal, a concatenation, an ARGV value) fails it. Cluster rejects undeclared keys only
 * when they fall in another slot, so a running test could not catch all of them.
 */
class LuaKeysTest {
  /** Commands whose first argument is not a key. */
  private static final Set<String> KEYLESS = Set.of("TIME", "PUBLISH");

  /** Commands with exactly one key, the first argument: the only keyed ones the scripts may use. */
  private static final Set<String> ONE_KEY =
      Set.of(
          "EXISTS",
          "TYPE",
          "DEL",
          "PEXPIRE",
          "PERSIST",
          "HGET",
          "HSET",
          "HDEL",
          "HMGET",
          "HGETALL",
          "ZADD",
          "ZREM",
          "ZSCORE",
          "ZRANGE",
          "ZRANGEBYSCORE",
          "ZRANGEBYLEX",
          "ZLEXCOUNT",
          "RPUSH",
          "LLEN");

  private static final Pattern CALL = Pattern.compile("redis\\.p?call\\(");
  private static final Pattern FUNCTION =
      Pattern.compile("local\\s+function\\s+(\\w+)\\s*\\(([^)]*)\\)");
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?m)^\\s*(?:local\\s+)?([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*=(?!=)(.*)$");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*");
  private static final Set<String> LUA_WORDS =
      Set.of("if", "for", "while", "return", "then", "do", "end", "else", "elseif", "until");

  @Test
  void everyKeyAScriptTouches_isPassedInKeys() throws Exception {
    Map<String, String> scripts = scripts();
    assertThat(scripts).containsKeys("claim", "create", "finish", "heartbeat", "recover", "purge");
    Map<String, List<String>> problems = new TreeMap<>();
    scripts.forEach((name, text) -> problems.put(name, problems(text)));
    problems.values().removeIf(List::isEmpty);
    assertThat(problems).as("key arguments not taken from KEYS").isEmpty();
  }

  @Test
  void theCheck_catchesKeyNamesBuiltInsideAScript() {
    assertThat(problems("redis.call('HGET', 'taskport:task:' .. ARGV[1], 'status')")).hasSize(1);
    assertThat(problems("local k = ARGV[2]\nredis.call('DEL', k)")).hasSize(1);
    assertThat(problems("local k = KEYS[1]\nk = k .. ':x'\nredis.call('DEL', k)")).hasSize(1);
    assertThat(
            problems(
                "local function f(key)\n  return redis.call('TYPE', key)\nend\nf(KEYS[1])\nf('x')"))
        .hasSize(1);
    assertThat(problems("redis.call('MGET', KEYS[1], KEYS[2])")).hasSize(1);
    assertThat(problems("local r = KEYS[1 + tonumber(ARGV[2])] .. ':x'\nredis.call('DEL', r)"))
        .hasSize(1);
    assertThat(problems("local r = KEYS[1 + tonumber(ARGV[2])]\nredis.call('DEL', r)")).isEmpty();
    assertThat(problems("local a, b = KEYS[1], KEYS[2]\nredis.call('ZREM', b, ARGV[1])")).isEmpty();
  }

  /** Each script as Scripts runs it: lib.lua in front of its own text. */
  private static Map<String, String> scripts() throws IOException, URISyntaxException {
    Path dir = Path.of(LuaKeysTest.class.getResource("lib.lua").toURI()).getParent();
    String lib = Files.readString(dir.resolve("lib.lua"));
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".lua")).toList()) {
        String name = p.getFileName().toString().replace(".lua", "");
        if (!name.equals("lib")) {
          out.put(name, lib + "\n" + Files.readString(p));
        }
      }
    }
    return out;
  }

  private static List<String> problems(String script) {
    String text = script.replaceAll("--[^\n]*", "");
    List<String> out = new ArrayList<>();
    Matcher m = CALL.matcher(text);
    while (m.find()) {
      List<String> args = arguments(text, m.end());
      String command = args.get(0).replaceAll("['\"]", "").toUpperCase(java.util.Locale.ROOT);
      if (KEYLESS.contains(command)) {
        continue;
      }
      if (!ONE_KEY.contains(command)) {
        out.add("redis.call('" + command + "'): not a known one-key command");
      } else if (args.size() < 2 || !keySafe(text, args.get(1), 0)) {
        out.add("redis.call('" + command + "', " + (args.size() < 2 ? "" : args.get(1)) + ")");
      }
    }
    return out;
  }

  /** Whether an expression can only be a KEYS entry. */
  private static boolean keySafe(String text, String expr, int depth) {
    String e = expr.trim();
    if (isKeysEntry(e)) {
      return true;
    }
    if (!NAME.matcher(e).matches() || depth > 5) {
      return false;
    }
    boolean bound = false;
    Matcher f = FUNCTION.matcher(text);
    while (f.find()) {
      List<String> params = List.of(f.group(2).split("\\s*,\\s*"));
      int at = params.indexOf(e);
      if (at < 0) {
        continue;
      }
      bound = true;
      Matcher call = Pattern.compile("(?<![\\w.])" + f.group(1) + "\\(").matcher(text);
      while (call.find()) {
        if (text.startsWith("function ", Math.max(0, call.start() - 9))) {
          continue;
        }
        List<String> args = arguments(text, call.end());
        if (args.size() <= at || !keySafe(text, args.get(at), depth + 1)) {
          return false;
        }
      }
    }
    Matcher a = ASSIGNMENT.matcher(text);
    while (a.find()) {
      List<String> names = List.of(a.group(1).split("\\s*,\\s*"));
      int at = names.indexOf(e);
      if (at < 0 || names.stream().anyMatch(LUA_WORDS::contains)) {
        continue;
      }
      bound = true;
      List<String> values = split(a.group(2));
      if (values.size() <= at || !isKeysEntry(values.get(at).trim())) {
        return false;
      }
    }
    return bound;
  }

  /** Whether an expression is {@code KEYS[...]} as a whole, whatever the index inside. */
  private static boolean isKeysEntry(String e) {
    if (!e.startsWith("KEYS[") || !e.endsWith("]")) {
      return false;
    }
    int depth = 0;
    for (int i = 4; i < e.length(); i++) {
      char c = e.charAt(i);
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (depth == 0) {
        return i == e.length() - 1;
      }
    }
    return false;
  }

  /** The arguments of a call whose opening parenthesis ends at {@code from}. */
  private static List<String> arguments(String text, int from) {
    return split(text, from, true);
  }

  /** Splits on commas outside brackets and strings. */
  private static List<String> split(String s) {
    return split(s, 0, false);
  }

  /** Splits from {@code from} on top-level commas; a call's list ends at its closing bracket. */
  private static List<String> split(String s, int from, boolean call) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = from;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (call && depth == 0) {
          out.add(s.substring(start, i).trim());
          return out;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i).trim());
        start = i + 1;
      }
    }
    if (call) {
      throw new IllegalStateException("unclosed call at " + from);
    }
    out.add(s.substring(start).trim());
    return out;
  }
}
