#include "e2e/control_support.hpp"

#include <gtest/gtest.h>
#include <zmq.hpp>

#include <fstream>
#include <optional>

using namespace dbu::test;
using namespace std::chrono_literals;
using nlohmann::json;

TEST(Control, StopsAndStartsSchedulingWhileExecuteStillWorks) {
  // Status names the daemon and every job.
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto status = ask(d.endpoint, "status");
  ASSERT_TRUE(status);
  EXPECT_EQ((*status)["id"], "t-1");
  auto& res = (*status)["result"];
  EXPECT_EQ(res["scheduling"], true);
  EXPECT_EQ(res["version"], DBU_VERSION);
  ASSERT_EQ(res["jobs"].size(), kinds());
  EXPECT_TRUE(res["jobs"][0]["nextFire"].is_string());
  // Stop (twice: idempotent), then status shows scheduling off.
  auto stop = ask(d.endpoint, "stop");
  EXPECT_EQ((*stop)["result"]["changed"], true);
  stop = ask(d.endpoint, "stop");
  EXPECT_EQ((*stop)["result"]["changed"], false);
  status = ask(d.endpoint, "status");
  EXPECT_EQ((*status)["result"]["scheduling"], false);
  // Execute still runs and reports its rows.
  auto exec = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  ASSERT_TRUE(exec);
  ASSERT_EQ((*exec)["ok"], true) << *exec;
  auto& run = (*exec)["result"]["runs"][0];
  EXPECT_EQ(run["status"], "succeeded") << run;
  EXPECT_EQ(run["rows"]["business_records"], 1) << run;
  EXPECT_TRUE(run["runId"].is_string());
  // A dry run previews its rows.
  exec = ask(d.endpoint, "execute",
             {{"updater", "service_tickets"}, {"dryRun", true}});
  EXPECT_EQ((*exec)["result"]["runs"][0]["status"], "dry_run") << *exec;
  EXPECT_FALSE((*exec)["result"]["runs"][0]["preview"].empty());
  // Start resumes scheduling.
  auto start = ask(d.endpoint, "start");
  EXPECT_EQ((*start)["result"]["changed"], true);
  status = ask(d.endpoint, "status");
  EXPECT_EQ((*status)["result"]["scheduling"], true);
  EXPECT_TRUE((*status)["result"]["jobs"][0]["lastRun"].is_object()
              || (*status)["result"]["jobs"][1]["lastRun"].is_object()
              || (*status)["result"]["jobs"][2]["lastRun"].is_object());
}

TEST(Control, ReportsLogsMetricsHealthConfigAndTest) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // Logs: newest last, at most `lines`.
  auto logs = ask(d.endpoint, "logs", {{"lines", 5}, {"level", "info"}});
  ASSERT_EQ((*logs)["ok"], true) << *logs;
  EXPECT_LE((*logs)["result"]["records"].size(), 5u);
  EXPECT_FALSE((*logs)["result"]["records"].empty());
  // Metrics: process and job numbers.
  auto metrics = ask(d.endpoint, "metrics");
  ASSERT_EQ((*metrics)["ok"], true) << *metrics;
  EXPECT_GT((*metrics)["result"]["process"]["residentBytes"], 0);
  EXPECT_EQ((*metrics)["result"]["jobs"].size(), kinds());
  EXPECT_EQ((*metrics)["result"]["process"]["runsQueued"], 0);
  EXPECT_EQ((*metrics)["result"]["process"]["rejected"], 0);
  // Health: the database answers.
  auto health = ask(d.endpoint, "health");
  ASSERT_EQ((*health)["ok"], true) << *health;
  EXPECT_EQ((*health)["result"]["status"], "healthy") << *health;
  EXPECT_EQ((*health)["result"]["checks"]["database"]["ok"], true);
  // Config: the effective configuration.
  auto cfg = ask(d.endpoint, "config.get");
  ASSERT_EQ((*cfg)["ok"], true) << *cfg;
  EXPECT_EQ((*cfg)["result"]["control"]["endpoint"], d.endpoint);
  // Test: a dry run of every updater, each passing.
  auto test = ask(d.endpoint, "test");
  ASSERT_EQ((*test)["ok"], true) << *test;
  EXPECT_EQ((*test)["result"]["verdict"], "pass") << *test;
  EXPECT_EQ((*test)["result"]["runs"].size(), kinds());
  expect_error(ask(d.endpoint, "test", {{"updater", "nope"}}),
               "unknown_updater", "test of an unknown updater");
}

TEST(Control, RefusesMalformedRequestsAndKeepsServing) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  // Each bad request gets an error reply; status works after each.
  static const char nul[] = "{\"command\":\"st\0atus\"}";
  auto deep = R"({"id":1,"command":"status","args":)"
              + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto big = R"({"id":1,"command":"status","args":{"pad":")"
             + std::string(5 << 20, 'x') + "\"}}";
  std::vector<std::tuple<std::string, std::string, std::string>> cases{
    {"malformed JSON", "{\"command\":", "bad_json"},
    {"array", "[1,2,3]", "bad_json"},
    {"string", "\"status\"", "bad_json"},
    {"number command", R"({"command":5})", "bad_request"},
    {"array args", R"({"command":"status","args":[]})", "bad_request"},
    {"no command", R"({"id":1})", "bad_request"},
    {"unknown command", R"({"command":"explode"})", "unknown_command"},
    {"odd case", R"({"command":"Status"})", "unknown_command"},
    {"number updater", R"({"command":"execute","args":{"updater":5}})",
     "bad_request"},
    {"string dryRun",
     R"({"command":"execute","args":{"updater":"x","dryRun":"yes"}})",
     "bad_request"},
    {"unknown updater", R"({"command":"execute","args":{"updater":"x"}})",
     "unknown_updater"},
    {"unknown tenant",
     R"({"command":"execute","args":{"updater":"business_records",)"
     R"("tenant":"00000000-0000-0000-0000-000000000000"}})",
     "unknown_tenant"},
    {"2 MiB", std::string(2 << 20, ' '), "too_large"},
    {"deep nesting", std::string(100000, '['), "bad_json"},
    {"NUL bytes", std::string{nul, sizeof(nul) - 1}, "bad_json"},
    {"invalid UTF-8", "{\"id\":\"\xff\xfe\",\"command\":\"status\"}",
     "bad_json"},
    {"empty", "", "bad_json"},
    {"config.set without patch", R"({"command":"config.set","args":{}})",
     "bad_request"},
    {"deep but well-formed", deep, "bad_json"},
    {"escaped NUL in the command", R"({"command":"status\u0000"})",
     "unknown_command"},
    {"escaped NUL in an argument",
     R"({"command":"execute","args":{"updater":"business_records\u0000"}})",
     "unknown_updater"},
    {"5 MiB frame", big, "too_large"},
  };
  for (auto& [what, body, code] : cases) {
    auto reply = ask_raw(d.endpoint, {body});
    expect_error(reply, code, what);
    auto next = ask(d.endpoint, "status");
    ASSERT_TRUE(next) << what;
    EXPECT_EQ((*next)["ok"], true) << what;
  }
  // Odd case names the right spelling; the id is echoed on errors.
  auto odd = ask_raw(d.endpoint, {R"({"id":7,"command":"Status"})"});
  EXPECT_EQ((*odd)["id"], 7);
  EXPECT_NE((*odd)["error"]["message"].get<std::string>().find("'status'"),
            std::string::npos);
  // A multi-frame message.
  expect_error(ask_raw(d.endpoint, {R"({"command":"status"})", "x"}),
               "bad_request", "multi-frame");
  EXPECT_EQ((*ask(d.endpoint, "status"))["ok"], true);
  // A refused body that is an object with an id gets it back.
  std::vector<std::vector<std::string>> with_ids{
    {R"({"id":9,"command":"status"})", "x"},
    {R"({"id":9,"command":"status","args":[]})"},
    {R"({"id":9,"command":"nope"})"},
    {std::string{big}.replace(6, 1, "9")},
    {std::string{deep}.replace(6, 1, "9")}};
  for (auto& frames : with_ids) {
    auto reply = ask_raw(d.endpoint, frames);
    ASSERT_TRUE(reply) << frames[0].substr(0, 60);
    EXPECT_EQ((*reply)["ok"], false) << *reply;
    EXPECT_EQ((*reply)["id"], 9) << frames[0].substr(0, 60);
  }
  // A structured id holding what the depth bound left out is not echoed.
  auto reply = ask_raw(d.endpoint, {R"({"command":"status","id":)"
                                    + std::string(100, '[')
                                    + std::string(100, ']') + "}"});
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["error"]["code"], "bad_json") << *reply;
  EXPECT_TRUE((*reply)["id"].is_null()) << *reply;
  // The daemon is still up and serving.
  EXPECT_EQ((*ask(d.endpoint, "status"))["ok"], true);
}

TEST(Control, ConfigSetMovesTheNextFireAllOrNothing) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto job_of = [&](const std::string& updater) {
    auto status = ask(d.endpoint, "status");
    for (auto& job : (*status)["result"]["jobs"])
      if (job["updater"] == updater)
        return job;
    return json{};
  };
  auto before = job_of("service_tickets");
  // An invalid schedule changes nothing and names the path.
  json bad{{"tenants",
            {{default_tenant,
              {{"updaters",
                {{"service_tickets", {{"schedule", "61 * * * *"}}},
                 {"business_records", {{"schedule", "0 0 12 * * *"}}}}}}}}}};
  auto reply = ask(d.endpoint, "config.set", {{"patch", bad}});
  expect_error(reply, "invalid_config", "invalid schedule");
  EXPECT_NE((*reply)["error"]["message"].get<std::string>().find(
              "service_tickets"),
            std::string::npos)
    << *reply;
  EXPECT_EQ(job_of("service_tickets"), before);
  EXPECT_EQ(job_of("business_records")["schedule"], "0 0 0 1 1 *");
  // What needs a restart is refused.
  reply = ask(d.endpoint, "config.set",
              {{"patch", {{"database", {{"poolSize", 5}}}}}});
  expect_error(reply, "invalid_config", "pool size");
  // A new schedule moves the next fire at once.
  json good{{"tenants",
             {{default_tenant,
               {{"updaters",
                 {{"service_tickets", {{"schedule", "0 0 * * * *"}}}}}}}}}};
  reply = ask(d.endpoint, "config.set", {{"patch", good}, {"persist", true}});
  ASSERT_EQ((*reply)["ok"], true) << *reply;
  EXPECT_EQ((*reply)["result"]["changedJobs"], 1);
  auto after = job_of("service_tickets");
  EXPECT_EQ(after["schedule"], "0 0 * * * *");
  EXPECT_NE(after["nextFire"], before["nextFire"]);
  auto cfg = ask(d.endpoint, "config.get");
  EXPECT_EQ((*cfg)["result"]["tenants"][default_tenant]["updaters"]
                ["service_tickets"]["schedule"],
            "0 0 * * * *");
  // With persist, the file says so too.
  std::ifstream in{d.dir + "/config.json"};
  auto file = json::parse(in);
  EXPECT_EQ(file["tenants"][default_tenant]["updaters"]["service_tickets"]
                ["schedule"],
            "0 0 * * * *");
  EXPECT_EQ(file["tenants"][default_tenant]["updaters"]["business_records"]
                ["schedule"],
            "0 0 0 1 1 *");
}

TEST(Control, SlowExecuteDoesNotDelayStatus) {
  // Ten thousand leads per run make the execute slow.
  json patch{{"tenants",
              {{default_tenant,
                {{"updaters",
                  {{"business_records",
                    {{"perRun", {{"min", 10000}, {"max", 10000}}}}}}}}}}}};
  daemon_fixture d{patch};
  ASSERT_TRUE(d.ready()) << d.output();
  // Client A asks for the slow run, then client B for status.
  zmq::context_t ctx;
  zmq::socket_t a{ctx, zmq::socket_type::dealer};
  zmq::socket_t b{ctx, zmq::socket_type::dealer};
  a.set(zmq::sockopt::linger, 0);
  b.set(zmq::sockopt::linger, 0);
  a.connect(d.endpoint);
  b.connect(d.endpoint);
  a.send(zmq::str_buffer(
           R"({"id":"a","command":"execute","args":{"updater":)"
           R"("business_records"}})"),
         zmq::send_flags::none);
  std::this_thread::sleep_for(50ms);
  b.send(zmq::str_buffer(R"({"id":"b","command":"status"})"),
         zmq::send_flags::none);
  // A second run of the same job meanwhile is refused: busy.
  auto again = ask(d.endpoint, "execute", {{"updater", "business_records"}});
  expect_error(again, "busy", "a second run of a running job");
  // Whichever reply comes first must be the status.
  zmq::pollitem_t items[] = {{a.handle(), 0, ZMQ_POLLIN, 0},
                             {b.handle(), 0, ZMQ_POLLIN, 0}};
  ASSERT_GT(zmq::poll(items, 2, std::chrono::milliseconds{60000}), 0);
  EXPECT_EQ(items[0].revents & ZMQ_POLLIN, 0) << "execute answered first";
  EXPECT_NE(items[1].revents & ZMQ_POLLIN, 0);
  // The execute still finishes with every row.
  zmq::pollitem_t rest{a.handle(), 0, ZMQ_POLLIN, 0};
  ASSERT_GT(zmq::poll(&rest, 1, std::chrono::milliseconds{120000}), 0);
  zmq::message_t msg;
  ASSERT_TRUE(a.recv(msg));
  auto reply = json::parse(msg.to_string());
  EXPECT_EQ(reply["id"], "a");
  EXPECT_EQ(reply["result"]["runs"][0]["rows"]["business_records"], 10000)
    << reply;
  // The status came while the run was going.
  zmq::message_t status;
  ASSERT_TRUE(b.recv(status));
  auto jobs = json::parse(status.to_string())["result"]["jobs"];
  auto running = false;
  for (auto& job : jobs)
    running |= job["updater"] == "business_records" && job["running"] == true;
  EXPECT_TRUE(running) << jobs;
}

TEST(Control, ToolSpeaksForTheOperator) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto tool = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {tool_bin(), "--endpoint", d.endpoint});
    return run(args);
  };
  // Success: a table, or JSON with --json.
  auto [rc, out] = tool({"status"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("business_records"), std::string::npos) << out;
  std::tie(rc, out) = tool({"--json", "status"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(json::parse(out)["jobs"].size(), kinds());
  std::tie(rc, out) = tool({"execute", "service_tickets", "--json"});
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = tool({"health"});
  EXPECT_EQ(rc, 0) << out;
  for (auto cmd : {"logs", "metrics", "stop", "start", "test"}) {
    std::tie(rc, out) = tool({cmd});
    EXPECT_EQ(rc, 0) << cmd << ": " << out;
  }
  std::tie(rc, out) = tool({"config", "get"});
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = tool({"config", "set",
                            std::string{"tenants."} + default_tenant
                              + ".updaters.business_records.schedule="
                              + "0 0 12 * * *"});
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = tool({"--json", "status"});
  EXPECT_NE(out.find("0 0 12 * * *"), std::string::npos) << out;
  std::tie(rc, out) = tool({"config", "set",
                            "execution.maxConcurrentExecutions=0"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("invalid_config"), std::string::npos) << out;
  std::tie(rc, out) = tool({"config", "set"});
  EXPECT_EQ(rc, 2) << out;
  // The daemon's error: 1; usage: 2; nobody listening: 3.
  std::tie(rc, out) = tool({"execute", "nope"});
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("unknown_updater"), std::string::npos) << out;
  std::tie(rc, out) = tool({"execute"});
  EXPECT_EQ(rc, 2) << out;
  std::tie(rc, out) = run({tool_bin(), "--endpoint", unique_endpoint(),
                           "--timeout", "0.5", "status"});
  EXPECT_EQ(rc, 3) << out;
  // The environment names the endpoint too.
  std::tie(rc, out) = run({tool_bin(), "status"},
                          {{"DB_UPDATER_ENDPOINT", d.endpoint}});
  EXPECT_EQ(rc, 0) << out;
  // Shutdown ends the daemon with status 0.
  std::tie(rc, out) = tool({"shutdown"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(d.proc->wait(60s), 0) << d.output();
}

TEST(Control, ToolPrintsMetricsAsTables) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto [rc, out] = d.tool({"execute", "business_records"});
  ASSERT_EQ(rc, 0) << out;
  // Process numbers as `key  value` lines, then a row per job.
  std::tie(rc, out) = d.tool({"metrics"});
  EXPECT_EQ(rc, 0) << out;
  for (auto word : {"resident memory", "cpu time", "runs in flight",
                    "restarts", "SUCCESS", "AVG MS", "LAST ERROR"})
    EXPECT_NE(out.find(word), std::string::npos) << word << ": " << out;
  auto row = out.find(std::string{default_tenant} + "  business_records ");
  ASSERT_NE(row, std::string::npos) << out;
  auto line = out.substr(row, out.find('\n', row) - row);
  EXPECT_NE(line.find("100.0%"), std::string::npos) << line;
  EXPECT_EQ(out.find("\"jobs\""), std::string::npos) << "raw JSON: " << out;
  // --json stays the raw result.
  std::tie(rc, out) = d.tool({"--json", "metrics"});
  EXPECT_EQ(rc, 0) << out;
  auto raw = json::parse(out);
  EXPECT_TRUE(raw["process"].is_object()) << out;
  EXPECT_FALSE(raw["jobs"].empty()) << out;
}

TEST(Control, ShutdownEndsTheDaemonGracefully) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  auto reply = ask(d.endpoint, "shutdown");
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)["ok"], true);
  EXPECT_EQ(d.proc->wait(60s), 0) << d.output();
  EXPECT_NE(d.output().find("shutdown request"), std::string::npos);
}

TEST(Control, ASecondDaemonDoesNotTakeTheIpcSocketOfTheFirst) {
  // A second daemon on the same ipc endpoint says so and leaves the socket
  // to the first, which keeps answering.
  daemon_fixture first;
  ASSERT_TRUE(first.ready()) << first.output();
  auto before = ask(first.endpoint, "status");
  ASSERT_TRUE(before);
  auto instance = (*before)["result"]["instance"];
  auto dir = scratch_dir();
  auto cfg = fast_config(dir, "0 0 0 1 1 *");
  cfg["control"] = {{"endpoint", first.endpoint}};
  process second{{daemon_bin(), "--config", config_file(dir, cfg)},
                 {{"DATABASE_URL", first.url}},
                 dir + "/daemon.log"};
  EXPECT_TRUE(eventually(std::chrono::seconds{30}, [&] {
    return second.output().find("another process listens there")
           != std::string::npos;
  })) << second.output();
  auto after = ask(first.endpoint, "status");
  ASSERT_TRUE(after) << first.output();
  EXPECT_EQ((*after)["result"]["instance"], instance);
  second.signal(SIGTERM);
  EXPECT_EQ(second.wait(std::chrono::seconds{30}), 0) << second.output();
  EXPECT_TRUE(ask(first.endpoint, "status"));
}

TEST(Control, ADaemonKeepsRunningThroughAHangUp) {
  daemon_fixture d;
  ASSERT_TRUE(d.ready()) << d.output();
  d.proc->signal(SIGHUP);
  EXPECT_TRUE(eventually(std::chrono::seconds{10}, [&] {
    return d.output().find("daemon ignores SIGHUP") != std::string::npos;
  })) << d.output();
  EXPECT_TRUE(ask(d.endpoint, "status")) << d.output();
}
