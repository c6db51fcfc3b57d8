#include "config/config.hpp"

#include <gtest/gtest.h>

using nlohmann::json;

TEST(ConfigMask, HidesThePasswordOfAUrl) {
  EXPECT_EQ(dbu::masked_url("postgresql://user:secret@host/db"),
            "postgresql://user:***@host/db");
  EXPECT_EQ(dbu::masked_url("postgres://u:p%40ss@h:5432/db?sslmode=require"),
            "postgres://u:***@h:5432/db?sslmode=require");
  EXPECT_EQ(dbu::masked_url("postgresql://u:a@b@h/db"),
            "postgresql://u:***@h/db");
  // A bare '?' or '/' in the password does not end it early.
  EXPECT_EQ(dbu::masked_url("postgresql://u:s3c?ret@h/db"),
            "postgresql://u:***@h/db");
  EXPECT_EQ(dbu::masked_url("postgresql://u:s3c/ret@h/db?sslmode=require"),
            "postgresql://u:***@h/db?sslmode=require");
}

TEST(ConfigMask, HidesThePasswordParameterOfAUrl) {
  EXPECT_EQ(dbu::masked_url("postgresql://h/db?user=u&password=pw&x=1"),
            "postgresql://h/db?user=u&password=***&x=1");
  EXPECT_EQ(dbu::masked_url("postgresql://h/db?password=pw"),
            "postgresql://h/db?password=***");
}

TEST(ConfigMask, HidesThePasswordOfAUrlOfAnotherScheme) {
  EXPECT_EQ(dbu::masked_url("mysql://u:pw@h/db"), "mysql://u:***@h/db");
}

TEST(ConfigMask, KeepsAUrlWithoutPassword) {
  for (auto url : {"postgresql://localhost:5432/db_updater",
                   "postgresql://user@host/db", "postgresql:///db"})
    EXPECT_EQ(dbu::masked_url(url), url);
}

TEST(ConfigMask, HidesThePasswordOfKeyValuePairs) {
  EXPECT_EQ(dbu::masked_url("host=h password=secret dbname=db"),
            "host=h password=*** dbname=db");
  EXPECT_EQ(dbu::masked_url("host=h password = 'a \\' b' dbname=db"),
            "host=h password = *** dbname=db");
  EXPECT_EQ(dbu::masked_url("password=secret"), "password=***");
  EXPECT_EQ(dbu::masked_url("host=h passfile=/p"), "host=h passfile=/p");
  EXPECT_EQ(dbu::masked_url("host=h mypassword=x"), "host=h mypassword=x");
  EXPECT_EQ(dbu::masked_url("password=pw options='-c x=a://b'"),
            "password=*** options='-c x=a://b'");
}

TEST(ConfigMask, HidesThePasswordOfAStringThatDoesNotParse) {
  EXPECT_EQ(dbu::masked_url("host password=secret 'open"),
            "host password=*** 'open");
}

TEST(ConfigMask, MasksOnlyTheDatabaseUrl) {
  auto c = dbu::make_config(
    {{"database", {{"url", "postgresql://app:s3cret@db:5432/crm"}}}});
  ASSERT_TRUE(c) << dbu::render(c.error());
  auto m = dbu::masked(*c);
  EXPECT_EQ(m["database"]["url"], "postgresql://app:***@db:5432/crm");
  m["database"]["url"] = c->database.url;
  EXPECT_EQ(m, c->json);
  EXPECT_EQ(c->database.url, "postgresql://app:s3cret@db:5432/crm");
}
