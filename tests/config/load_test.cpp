#include "config/config.hpp"

#include "helpers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using nlohmann::json;
using testing::AllOf;
using testing::HasSubstr;
using namespace dbu::test;

namespace {

// @returns the path of a fresh file holding `text`.
std::string write_file(const std::string& name, const std::string& text) {
  auto path = testing::TempDir() + "dbu-config-" + name;
  std::ofstream{path} << text;
  return path;
}

// @returns options that read the configuration from `path`.
dbu::run_options from_file(const std::string& path) {
  dbu::run_options opts;
  opts.config_file = path;
  return opts;
}

} // namespace

TEST(ConfigLoad, WithoutFileOrEnvironmentGivesTheDefaults) {
  auto c = dbu::load_config({}, fake_env({}));
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->json, dbu::default_config_json());
}

TEST(ConfigLoad, FileOverridesTheDefaults) {
  auto path = write_file("file.json", R"({"logging": {"level": "debug"}})");
  auto c = dbu::load_config(from_file(path), fake_env({}));
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->logging.level, "debug");
  EXPECT_EQ(c->logging.retention_days, 14);
}

TEST(ConfigLoad, EnvironmentOverridesTheFile) {
  auto path = write_file("env.json", R"({
    "timezone": "Europe/Berlin",
    "logging": {"level": "debug"},
    "database": {"url": "postgresql://file/db"}
  })");
  auto env = fake_env({{"DATABASE_URL", "host=env dbname=db"},
                       {"DATABASE_UPDATER_LOG_LEVEL", "warn"},
                       {"DATABASE_UPDATER_TIMEZONE", "Asia/Tokyo"}});
  auto c = dbu::load_config(from_file(path), env);
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->database.url, "host=env dbname=db");
  EXPECT_EQ(c->logging.level, "warn");
  EXPECT_EQ(c->timezone, "Asia/Tokyo");
  EXPECT_EQ(c->tenants.at(0).timezone, "Asia/Tokyo");
}

TEST(ConfigLoad, EnvironmentTimezoneKeepsATenantsOwnZone) {
  auto path = write_file("zone.json", R"({"tenants": {")" + tenant_id
                                        + R"(": {"timezone": "UTC"}}})");
  auto env = fake_env({{"DATABASE_UPDATER_TIMEZONE", "Asia/Tokyo"}});
  auto c = dbu::load_config(from_file(path), env);
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->tenants.at(0).timezone, "UTC");
}

TEST(ConfigLoad, FlagOverridesTheEnvironment) {
  dbu::run_options opts;
  opts.log_level = "error";
  auto env = fake_env({{"DATABASE_UPDATER_LOG_LEVEL", "warn"}});
  auto c = dbu::load_config(opts, env);
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->logging.level, "error");
}

TEST(ConfigLoad, EmptyVariableCountsAsUnset) {
  auto c = dbu::load_config({}, fake_env({{"DATABASE_URL", ""}}));
  ASSERT_TRUE(c) << dbu::render(c.error());
  EXPECT_EQ(c->database.url, "postgresql://localhost:5432/db_updater");
}

TEST(ConfigLoad, ProblemNamesTheSourceOfItsValue) {
  dbu::run_options opts;
  opts.log_level = "loud";
  auto env = fake_env({{"DATABASE_UPDATER_TIMEZONE", "Nowhere"}});
  auto c = dbu::load_config(opts, env);
  ASSERT_FALSE(c);
  EXPECT_EQ(dbu::code_of(c.error()), dbu::ec::invalid_config);
  EXPECT_THAT(dbu::render(c.error()),
              AllOf(HasSubstr("/logging/level: \"loud\""),
                    HasSubstr("(set by --log-level)"),
                    HasSubstr("/timezone: \"Nowhere\""),
                    HasSubstr("(set by DATABASE_UPDATER_TIMEZONE)")));
}

TEST(ConfigLoad, BadFileListsEveryProblem) {
  auto path = write_file("bad.json", R"({
    "execution": {"maxConcurrentExecutions": 0, "misfirePolicy": "late"},
    "extra": true
  })");
  auto c = dbu::load_config(from_file(path), fake_env({}));
  ASSERT_FALSE(c);
  EXPECT_EQ(dbu::code_of(c.error()), dbu::ec::invalid_config);
  auto text = dbu::render(c.error());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_THAT(text, AllOf(HasSubstr("/extra: "),
                          HasSubstr("/execution/maxConcurrentExecutions: 0"),
                          HasSubstr("/execution/misfirePolicy: \"late\"")));
}

TEST(ConfigFile, MissingFileIsNamed) {
  auto path = testing::TempDir() + "dbu-config-does-not-exist.json";
  auto c = dbu::load_config(from_file(path), fake_env({}));
  ASSERT_FALSE(c);
  EXPECT_EQ(dbu::code_of(c.error()), dbu::ec::io_error);
  EXPECT_EQ(dbu::render(c.error()), "cannot read configuration file " + path
                                      + ": No such file or directory");
}

TEST(ConfigFile, DirectoryIsRefused) {
  auto path = testing::TempDir();
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_THAT(dbu::render(j.error()),
              AllOf(HasSubstr(path), HasSubstr("is a directory")));
}

TEST(ConfigFile, SyntaxErrorNamesFileLineAndColumn) {
  auto path = write_file("syntax.json", "{\n  \"logging\": {\n"
                                        "    \"level\" \"info\"\n  }\n}\n");
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_EQ(dbu::code_of(j.error()), dbu::ec::invalid_config);
  EXPECT_THAT(dbu::render(j.error()),
              AllOf(HasSubstr(path + ": not valid JSON at line 3, column 18"),
                    HasSubstr("expected ':'")));
}

TEST(ConfigFile, EmptyFileIsNotJson) {
  auto path = write_file("empty.json", "");
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_THAT(dbu::render(j.error()),
              AllOf(HasSubstr("at line 1, column 1"),
                    HasSubstr("unexpected end of input")));
}

TEST(ConfigFile, TrailingCommaIsPlaced) {
  auto path = write_file("comma.json", "{\"logging\": {\"level\": \"info\",}}");
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_THAT(dbu::render(j.error()), HasSubstr("at line 1, column 30"));
}

TEST(ConfigFile, TruncatedFileNamesItsEnd) {
  auto path = write_file("truncated.json", "{\n  \"logging\": {\n");
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_THAT(dbu::render(j.error()), HasSubstr("at line 3, column 1"));
}

TEST(ConfigFile, TopLevelMustBeAnObject) {
  auto path = write_file("array.json", "[1, 2]");
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_EQ(dbu::render(j.error()),
            path + ": the configuration must be a JSON object, not array");
}

TEST(ConfigFile, NumberBeyondADoubleIsRefusedNotFatal) {
  auto path = write_file("huge.json",
                         R"({"execution": {"queueCapacity": 1e400}})");
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_EQ(dbu::code_of(j.error()), dbu::ec::invalid_config);
  EXPECT_THAT(dbu::render(j.error()),
              AllOf(HasSubstr(path), HasSubstr("number overflow")));
}

TEST(ConfigFile, DeepNestingIsRefusedNotFatal) {
  // 200,000 levels would overflow the stack where they are built.
  auto text = "{\"foo\": " + std::string(200'000, '[')
              + std::string(200'000, ']') + "}";
  auto path = write_file("deep.json", text);
  auto j = dbu::read_config_file(path);
  ASSERT_FALSE(j);
  EXPECT_THAT(dbu::render(j.error()), HasSubstr("nest deeper than 64"));
}

TEST(ConfigFile, CountsNestingOutsideStringsOnly) {
  EXPECT_EQ(dbu::json_nesting("{}"), 1);
  EXPECT_EQ(dbu::json_nesting(R"({"a": [1, {"b": []}], "c": {}})"), 4);
  EXPECT_EQ(dbu::json_nesting(R"({"[[[": "}}{{", "q\"[": "\\"})"), 1);
  EXPECT_EQ(dbu::json_nesting("42"), 0);
}

TEST(ConfigFile, ReadsSixtyFourLevelsAndRefusesSixtyFive) {
  // The bound is the same with and without the parser's callback.
  for (auto [levels, ok] : {std::pair{64, true}, std::pair{65, false}}) {
    auto text = "{\"foo\": " + std::string(size_t(levels - 1), '[')
                + std::string(size_t(levels - 1), ']') + "}";
    auto j = dbu::read_config_file(write_file("levels.json", text));
    EXPECT_EQ(bool(j), ok) << levels;
  }
}
