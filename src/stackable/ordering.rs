//! The order in which the API applies redeemables, and which ones the stacking limits will skip
//! if all the earlier ones apply.

use std::collections::BTreeMap;

use serde::Serialize;

use super::rules::{SortingRule, StackingRules};

/// A campaign category of a redeemable, as the validation response lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryRef {
    /// The category id (`cat_...`).
    pub id: String,
    /// Its priority: lower applies first (0 is the highest).
    pub hierarchy: i64,
}

/// How a redeemable's categories make it stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// In an exclusive ("never stackable") category: applied first, blocks common ones.
    Exclusive,
    /// In no exclusive or joint category.
    Common,
    /// In a joint ("always stackable") category: applied last.
    Joint,
}

/// Where one redeemable lands when the API applies the request.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    /// `voucher`, `promotion_tier` or `promotion_stack`.
    pub object: String,
    /// The code or id.
    pub id: String,
    /// Its index in the request.
    pub request_index: usize,
    /// Its 0-based position in the application order.
    pub position: usize,
    /// How it stacks.
    pub group: Group,
    /// The skip key the API would give it if every earlier redeemable applies, or `None` when
    /// the limits let it through.
    pub skipped_because: Option<&'static str>,
}

/// Orders the redeemables as the API applies them and marks those the limits will skip.
/// `categories` maps a redeemable id to its categories; redeemables without an entry are
/// common and, under `CATEGORY_HIERARCHY`, come after the categorized common ones.
pub fn plan_application(
    redeemables: &[(String, String)],
    categories: &BTreeMap<String, Vec<CategoryRef>>,
    rules: &StackingRules,
) -> Vec<Placement> {
    let no_categories = Vec::new();
    let mut entries: Vec<(usize, Group, i64, &Vec<CategoryRef>)> = redeemables
        .iter()
        .enumerate()
        .map(|(index, (_, id))| {
            let cats = categories.get(id).unwrap_or(&no_categories);
            let group = group_of(cats, rules);
            let hierarchy = cats.iter().map(|c| c.hierarchy).min().unwrap_or(i64::MAX);
            (index, group, hierarchy, cats)
        })
        .collect();
    if rules.sorting_rule == SortingRule::CategoryHierarchy {
        entries.sort_by_key(|&(index, group, hierarchy, _)| (group, hierarchy, index));
    }
    let mut limits = Limits::default();
    entries
        .into_iter()
        .enumerate()
        .filter_map(|(position, (index, group, _, cats))| {
            let (object, id) = redeemables.get(index)?;
            Some(Placement {
                object: object.clone(),
                id: id.clone(),
                request_index: index,
                position,
                group,
                skipped_because: limits.admit(group, cats, rules),
            })
        })
        .collect()
}

fn group_of(categories: &[CategoryRef], rules: &StackingRules) -> Group {
    if categories
        .iter()
        .any(|c| rules.exclusive_categories.contains(&c.id))
    {
        Group::Exclusive
    } else if categories
        .iter()
        .any(|c| rules.joint_categories.contains(&c.id))
    {
        Group::Joint
    } else {
        Group::Common
    }
}

/// Running counts of what has been applied so far.
#[derive(Default)]
struct Limits {
    applied: usize,
    exclusive_applied: usize,
    common_applied: usize,
    per_category: BTreeMap<String, usize>,
}

impl Limits {
    /// Applies one redeemable if the limits allow, or returns the skip key.
    fn admit(
        &mut self,
        group: Group,
        categories: &[CategoryRef],
        rules: &StackingRules,
    ) -> Option<&'static str> {
        let count =
            |category: &CategoryRef| self.per_category.get(&category.id).copied().unwrap_or(0);
        let reason = if self.applied >= rules.applicable_redeemables_limit {
            Some("applicable_redeemables_limit_exceeded")
        } else if group == Group::Exclusive
            && self.exclusive_applied >= rules.applicable_exclusive_redeemables_limit
        {
            Some("applicable_exclusive_redeemables_limit_exceeded")
        } else if group == Group::Exclusive
            && categories
                .iter()
                .any(|c| count(c) >= rules.applicable_exclusive_redeemables_per_category_limit)
        {
            Some("applicable_exclusive_redeemables_per_category_limit_exceeded")
        } else if (group == Group::Common && self.exclusive_applied > 0)
            || (group == Group::Exclusive && self.common_applied > 0)
        {
            Some("exclusion_rules_not_met")
        } else if group != Group::Exclusive
            && categories
                .iter()
                .any(|c| count(c) >= rules.category_limit(&c.id))
        {
            Some("applicable_redeemables_per_category_limit_exceeded")
        } else {
            None
        };
        if reason.is_none() {
            self.applied = self.applied.saturating_add(1);
            match group {
                Group::Exclusive => {
                    self.exclusive_applied = self.exclusive_applied.saturating_add(1)
                }
                Group::Common => self.common_applied = self.common_applied.saturating_add(1),
                Group::Joint => {}
            }
            for category in categories {
                let count = self.per_category.entry(category.id.clone()).or_insert(0);
                *count = count.saturating_add(1);
            }
        }
        reason
    }
}
