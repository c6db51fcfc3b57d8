#include "actors/control_reply.hpp"

#include "actors/logger.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

namespace dbu::control_cmd {

namespace {

using nlohmann::json;
using control_wire::wire_error;

// @returns `cfg` without what changes at run time: the log level and each
// updater's object (schedule, switch and generation settings); the names
// of tenants and updaters stay, so that adding or removing one shows.
json fixed_part(json cfg) {
  if (auto i = cfg.find("logging"); i != cfg.end() && i->is_object())
    i->erase("level");
  auto tenants = cfg.find("tenants");
  if (tenants == cfg.end() || !tenants->is_object())
    return cfg;
  for (auto& tenant : *tenants) {
    auto updaters = tenant.find("updaters");
    if (updaters == tenant.end() || !updaters->is_object())
      continue;
    for (auto& upd : *updaters)
      upd = json::object();
  }
  return cfg;
}

// @returns why the operations of a non-empty `diff` need a restart, naming
// the path of each.
std::string restart_message(const json& diff) {
  // One phrase per operation, the first capitalised.
  std::string out;
  for (size_t i = 0; i < diff.size(); ++i) {
    auto op = diff[i].value("op", std::string{"replace"});
    auto verb = op == "add" ? "adding " : op == "remove" ? "removing "
                                                         : "changing ";
    out += i == 0 ? "" : i + 1 == diff.size() ? " and " : ", ";
    out += verb + diff[i].value("path", std::string{"/"});
  }
  auto first = static_cast<unsigned char>(out[0]);
  out[0] = static_cast<char>(std::toupper(first));
  return out + (diff.size() == 1 ? " needs" : " need")
         + " a restart; at run time only schedules, 'enabled', generation "
           "settings (tenants.<id>.updaters.<name>) and logging.level "
           "change.";
}

// @returns the updater of `tenant` called `name` in `cfg`, or nullptr.
const updater_config* find_job(const config& cfg, const std::string& tenant,
                               const std::string& name) {
  for (auto& t : cfg.tenants)
    for (auto& upd : t.updaters)
      if (t.id == tenant && upd.name == name)
        return &upd;
  return nullptr;
}

// @returns the jobs of `next` whose schedule or switch differ in `current`.
std::vector<job_info> changed_jobs(const config& current,
                                   const config& next) {
  std::vector<job_info> out;
  for (auto& tenant : next.tenants)
    for (auto& upd : tenant.updaters) {
      auto old = find_job(current, tenant.id, upd.name);
      if (old == nullptr
          || (old->schedule == upd.schedule && old->enabled == upd.enabled))
        continue;
      job_info job;
      job.tenant_id = tenant.id;
      job.updater = upd.name;
      job.schedule = upd.schedule;
      job.timezone = tenant.timezone;
      job.enabled = upd.enabled;
      out.push_back(std::move(job));
    }
  return out;
}

// @returns the jobs of `next` whose generation settings differ in `current`.
std::vector<job_settings> changed_settings(const config& current,
                                           const config& next) {
  std::vector<job_settings> out;
  for (auto& tenant : next.tenants)
    for (auto& upd : tenant.updaters) {
      auto old = find_job(current, tenant.id, upd.name);
      if (old == nullptr || old->settings == upd.settings)
        continue;
      out.push_back(job_settings{tenant.id, upd.name, upd.settings.dump()});
    }
  return out;
}

// @returns an error naming `what` with the reason of the failed call.
wire_error io_failure(const std::string& what) {
  return wire_error{"internal", what + ": " + std::strerror(errno) + "."};
}

// Writes all of `text` to `fd`. @returns false when a write fails.
bool write_all(int fd, const std::string& text) {
  // Short and interrupted writes go on where they stopped.
  size_t done = 0;
  while (done < text.size()) {
    auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Writes `text` to the new file `tmp` with the mode and owner of `like`,
// and syncs it to disk. @returns the error, or nothing.
std::optional<wire_error> write_synced(std::string& tmp,
                                       const std::string& text,
                                       const struct stat& like) {
  // A new file of a name no one chose before (never one that is there, nor
  // a link), private from the first byte; then the mode and owner of the
  // original.
  auto fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0)
    return io_failure("Cannot create a file beside " + tmp);
  auto owned = like.st_uid == ::geteuid() && like.st_gid == ::getegid();
  std::optional<wire_error> err;
  if (::fchmod(fd, like.st_mode & 07777) != 0)
    err = io_failure("Cannot set the mode of " + tmp);
  else if (!owned && ::fchown(fd, like.st_uid, like.st_gid) != 0)
    err = io_failure("Cannot give " + tmp + " the owner of the original");
  else if (!write_all(fd, text) || ::fsync(fd) != 0)
    err = io_failure("Cannot write " + tmp);
  if (::close(fd) != 0 && !err)
    err = io_failure("Cannot write " + tmp);
  if (err)
    ::unlink(tmp.c_str());
  return err;
}

// Writes into `file` each distribution `patch` touched, whole, as
// `effective` (the new running configuration) has it: a patch merges into
// a distribution, but a file's distribution replaces the default, so the
// file must hold all of its weights to load as what runs.
void whole_distributions(json& file, const json& patch,
                         const json& effective) {
  for (auto& [key, value] : patch.items()) {
    auto eff = effective.find(key);
    if (value.is_null() || eff == effective.end() || !file.is_object()
        || !file.contains(key))
      continue;
    if (key.ends_with("Distribution"))
      file[key] = *eff;
    else if (value.is_object())
      whole_distributions(file[key], value, *eff);
  }
}

// @returns the file `path` names, through any symbolic links, so that a
// configuration kept elsewhere and linked to is the one replaced.
std::string link_target(const std::string& path) {
  std::error_code ec;
  auto target = std::filesystem::canonical(path, ec);
  return ec ? path : target.string();
}

// Merges `patch` into the configuration file `path` and writes the result
// beside the file it names, synced, as `tmp`; the file keeps its own shape,
// and values from the environment stay out. `effective` is the
// configuration the patch makes. Nothing replaces the file yet.
std::optional<wire_error> stage_patch(const std::string& path,
                                      const json& patch,
                                      const json& effective,
                                      std::string& tmp) {
  // Read the file as it is now, and its mode.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    return io_failure("Cannot read " + path);
  auto file = read_config_file(path);
  if (!file)
    return wire_error{"internal", render(file.error())};
  file->merge_patch(patch);
  whole_distributions(*file, patch, effective);
  // Write the sibling that replaces it later.
  tmp = link_target(path) + ".XXXXXX";
  auto err = write_synced(tmp, file->dump(2) + "\n", st);
  if (err)
    tmp.clear();
  return err;
}

// Renames the staged `tmp` over `path` and syncs the folder, so that the
// new file survives a crash. @returns the error, or nothing.
std::optional<wire_error> replace_file(const std::string& tmp,
                                       const std::string& path) {
  // The rename is atomic: readers see the old file or the new one.
  auto target = link_target(path);
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    auto err = io_failure("Cannot replace " + path);
    ::unlink(tmp.c_str());
    return err;
  }
  auto dir = std::filesystem::path{target}.parent_path().string();
  auto fd = ::open(dir.empty() ? "." : dir.c_str(),
                   O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return io_failure("Cannot sync the folder of " + path);
  auto synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced)
    return io_failure("Cannot sync the folder of " + path);
  return std::nullopt;
}

// Removes a staged file that will not replace the configuration file.
void discard(const std::string& tmp) {
  if (!tmp.empty())
    ::unlink(tmp.c_str());
}

// Re-arms the changed jobs, then takes `cfg` as the configuration, puts
// the staged file `tmp` (none when empty) in place and replies; `settings`
// is how many jobs took new generation settings.
void rearm_and_take(const reply_to& r, std::shared_ptr<const config> cfg,
                    std::vector<job_info> jobs, uint64_t settings,
                    std::string tmp) {
  auto self = r.self;
  ask_supervisor(r, quick, atom::rearm_v, std::move(jobs))
    .then(
      [=](uint64_t changed) {
        auto level_changed
          = cfg->logging.level != self->state.spec.cfg.logging.level;
        if (level_changed)
          set_log_level(cfg->logging.level);
        self->state.spec.cfg = *cfg;
        // The file changes only once the change took effect.
        auto& file = self->state.spec.config_file;
        if (auto err = tmp.empty() ? std::nullopt : replace_file(tmp, *file))
          return r.fail(wire_error{err->code,
                                   "The change took effect, but the file "
                                   "was not updated. "
                                     + err->message});
        r.ok({{"changedJobs", changed},
              {"changedSettings", settings},
              {"changedLogLevel", level_changed},
              {"config", masked(*cfg)}});
      },
      [=](caf::error& err) {
        discard(tmp);
        r.fail(err);
      });
}

// Validates and applies one `config.set`; its reply lets the next go.
void apply_config_set(const reply_to& r, const json& args) {
  // `patch` is a merge patch; `persist` writes it to the file too.
  auto patch = args.find("patch");
  if (patch == args.end() || !patch->is_object())
    return r.fail(wire_error{"bad_request",
                             "The argument 'patch' must be a JSON object "
                             "(a JSON merge patch)."});
  bool persist = false;
  if (auto err = control_wire::bool_arg(args, "persist", persist))
    return r.fail(*err);
  auto& file = r.self->state.spec.config_file;
  if (persist && !file)
    return r.fail(wire_error{"bad_request",
                             "The daemon has no configuration file to "
                             "persist to (it started without --config)."});
  // Validate the whole result like a file; nothing changes on a problem.
  auto self = r.self;
  auto& current = self->state.spec.cfg;
  auto next = apply_patch(current, *patch);
  if (!next)
    return r.fail(wire_error{"invalid_config", render(next.error())});
  // Only updaters' objects and the log level change at run time.
  auto diff = json::diff(fixed_part(current.json), fixed_part(next->json));
  if (!diff.empty())
    return r.fail(wire_error{"invalid_config", restart_message(diff)});
  auto jobs = changed_jobs(current, *next);
  auto settings = changed_settings(current, *next);
  std::shared_ptr<const config> cfg
    = std::make_shared<config>(std::move(*next));
  // With `persist`, the file's next content is written and synced first,
  // so that a file that cannot be written changes nothing.
  std::string tmp;
  if (persist)
    if (auto err = stage_patch(*file, *patch, cfg->json, tmp))
      return r.fail(*err);
  // New settings first: a set that does not build changes nothing.
  ask_supervisor(r, quick, atom::settings_v, std::move(settings))
    .then(
      [=](uint64_t took) { rearm_and_take(r, cfg, jobs, took, tmp); },
      [=](caf::error& err) {
        discard(tmp);
        r.fail(err);
      });
}

// Applies the `config.set` that waited longest, or notes that none waits.
void next_config_set(self_ptr self) {
  // First come, first applied.
  auto& st = self->state;
  if (st.config_sets.empty()) {
    st.setting_config = false;
    return;
  }
  auto next = std::move(st.config_sets.front());
  st.config_sets.pop_front();
  next();
}

} // namespace

void config_set(const reply_to& r, const json& args) {
  // One at a time: each set starts from the configuration the one before
  // it took, so that overlapping sets all take effect.
  auto self = r.self;
  auto serial = r;
  serial.after = [self] { next_config_set(self); };
  auto& st = self->state;
  // A set that throws still replies, which lets the next one go.
  auto apply = [serial, args] {
    guarded([&] { apply_config_set(serial, args); },
            [&](const char* what) { fail_internal(serial, what); });
  };
  if (st.setting_config) {
    st.config_sets.emplace_back(std::move(apply));
    return;
  }
  st.setting_config = true;
  apply();
}

} // namespace dbu::control_cmd
