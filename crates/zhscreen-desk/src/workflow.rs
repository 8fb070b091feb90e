//! The 三审制: who signs which stage, in which order, and what a sign-off does to a draft.
//!
//! This module is the rulebook and nothing else: it knows no database and no HTTP. The store
//! asks [`check_sign`] before it writes a signature, inside the same transaction.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a user does at the desk. Each role signs exactly one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 编辑: writes drafts and signs 初审.
    Editor,
    /// 保密审查员: signs 复审 (the secrecy review).
    Secrecy,
    /// 单位负责人: signs 终审.
    Head,
}

/// A stage of the 三审制.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 初审, by an editor.
    First,
    /// 复审, by the secrecy reviewer.
    Second,
    /// 终审, by the head of the unit.
    Final,
}

/// What a reviewer decides at a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 同意: the draft goes on to the next stage (or is approved after 终审).
    Approve,
    /// 退回: the draft goes back to the editor.
    Return,
}

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting for 初审.
    AwaitingFirst,
    /// Waiting for 复审.
    AwaitingSecond,
    /// Waiting for 终审.
    AwaitingFinal,
    /// All three stages approved: it may be published.
    Approved,
    /// Sent back to the editor; a new version starts the chain again.
    Returned,
}

macro_rules! ids {
    ($ty:ident, $what:literal, $( $variant:ident => $id:literal, $zh:literal );+ $(;)?) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$( $ty::$variant ),+];

            /// The stable id used in the API and the database.
            pub fn as_str(self) -> &'static str {
                match self { $( $ty::$variant => $id ),+ }
            }

            /// The Chinese label shown on the page and the sheet.
            pub fn label_zh(self) -> &'static str {
                match self { $( $ty::$variant => $zh ),+ }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $( $id => Ok($ty::$variant), )+
                    _ => Err(format!(
                        concat!("unknown ", $what, " {:?} (expected one of: {})"),
                        s,
                        [$( $id ),+].join(", ")
                    )),
                }
            }
        }
    };
}

ids!(Role, "role",
    Editor => "editor", "编辑";
    Secrecy => "secrecy", "保密审查员";
    Head => "head", "单位负责人";
);
ids!(Stage, "stage",
    First => "first", "初审";
    Second => "second", "复审";
    Final => "final", "终审";
);
ids!(Decision, "decision",
    Approve => "approve", "同意";
    Return => "return", "退回修改";
);
ids!(State, "state",
    AwaitingFirst => "awaiting_first", "待初审";
    AwaitingSecond => "awaiting_second", "待复审";
    AwaitingFinal => "awaiting_final", "待终审";
    Approved => "approved", "已通过，可以发布";
    Returned => "returned", "已退回修改";
);

impl Stage {
    /// The role that signs this stage.
    pub fn role(self) -> Role {
        match self {
            Stage::First => Role::Editor,
            Stage::Second => Role::Secrecy,
            Stage::Final => Role::Head,
        }
    }

    /// The state a draft is in while it waits for this stage.
    pub fn awaited_in(self) -> State {
        match self {
            Stage::First => State::AwaitingFirst,
            Stage::Second => State::AwaitingSecond,
            Stage::Final => State::AwaitingFinal,
        }
    }
}

impl Role {
    /// The stage this role signs.
    pub fn stage(self) -> Stage {
        match self {
            Role::Editor => Stage::First,
            Role::Secrecy => Stage::Second,
            Role::Head => Stage::Final,
        }
    }
}

impl State {
    /// The stage that can be signed now, if any.
    pub fn awaiting(self) -> Option<Stage> {
        match self {
            State::AwaitingFirst => Some(Stage::First),
            State::AwaitingSecond => Some(Stage::Second),
            State::AwaitingFinal => Some(Stage::Final),
            State::Approved | State::Returned => None,
        }
    }
}

/// Why a sign-off is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The signer's role does not sign this stage (HTTP 403).
    WrongRole {
        /// The stage asked for.
        stage: Stage,
        /// The signer's role.
        role: Role,
    },
    /// The signer already signed a stage of this version (HTTP 409).
    AlreadySigned {
        /// The stage the signer signed before.
        signed: Stage,
    },
    /// The stage is not the one the draft waits for (HTTP 409).
    OutOfOrder {
        /// The stage asked for.
        stage: Stage,
        /// Where the draft stands.
        state: State,
    },
    /// 终审 approval of a version that has a `block` finding (HTTP 409).
    Blocked {
        /// How many `block` findings the version has.
        findings: usize,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::WrongRole { stage, role } => write!(
                f,
                "{}（{stage}）须由{}签署，当前用户的角色是{}（{role}）",
                stage.label_zh(),
                stage.role().label_zh(),
                role.label_zh()
            ),
            Refusal::AlreadySigned { signed } => write!(
                f,
                "同一人对同一版本只能签署一个环节：您已签署本版本的{}（{signed}）",
                signed.label_zh()
            ),
            Refusal::OutOfOrder { stage, state } => write!(
                f,
                "稿件当前状态为{}（{state}），不能签署{}（{stage}）",
                state.label_zh(),
                stage.label_zh()
            ),
            Refusal::Blocked { findings } => write!(
                f,
                "当前版本有 {findings} 处禁止发布（block）的问题，终审不能同意：请退回修改"
            ),
        }
    }
}

/// What a sign-off asks for.
#[derive(Debug, Clone, Copy)]
pub struct SignRequest {
    /// The stage to sign.
    pub stage: Stage,
    /// The decision.
    pub decision: Decision,
}

/// What the desk knows about the draft and the signer when a sign-off comes in.
#[derive(Debug, Clone, Copy)]
pub struct SignContext {
    /// Where the draft stands.
    pub state: State,
    /// The signer's role.
    pub role: Role,
    /// The stage this signer already signed on the current version, if any.
    pub signed_by_signer: Option<Stage>,
    /// The number of `block` findings of the current version.
    pub block_findings: usize,
}

/// Checks a sign-off against the rules and returns the draft's next state.
///
/// The checks run in this order: the role (403), one stage per person and version (409), the
/// order of the stages (409), and no 终审 approval of a version with a `block` finding (409).
///
/// ```
/// use zhscreen_desk::workflow::*;
///
/// let ctx = SignContext { state: State::AwaitingFirst, role: Role::Editor,
///                         signed_by_signer: None, block_findings: 0 };
/// let req = SignRequest { stage: Stage::First, decision: Decision::Approve };
/// assert_eq!(check_sign(&ctx, &req), Ok(State::AwaitingSecond));
/// let req = SignRequest { stage: Stage::Second, decision: Decision::Approve };
/// assert!(matches!(check_sign(&ctx, &req), Err(Refusal::WrongRole { .. })));
/// ```
pub fn check_sign(ctx: &SignContext, req: &SignRequest) -> Result<State, Refusal> {
    if req.stage.role() != ctx.role {
        return Err(Refusal::WrongRole {
            stage: req.stage,
            role: ctx.role,
        });
    }
    if let Some(signed) = ctx.signed_by_signer {
        return Err(Refusal::AlreadySigned { signed });
    }
    if ctx.state.awaiting() != Some(req.stage) {
        return Err(Refusal::OutOfOrder {
            stage: req.stage,
            state: ctx.state,
        });
    }
    Ok(match (req.stage, req.decision) {
        (_, Decision::Return) => State::Returned,
        (Stage::First, Decision::Approve) => State::AwaitingSecond,
        (Stage::Second, Decision::Approve) => State::AwaitingFinal,
        (Stage::Final, Decision::Approve) => {
            if ctx.block_findings > 0 {
                return Err(Refusal::Blocked {
                    findings: ctx.block_findings,
                });
            }
            State::Approved
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(state: State, role: Role) -> SignContext {
        SignContext {
            state,
            role,
            signed_by_signer: None,
            block_findings: 0,
        }
    }

    fn req(stage: Stage, decision: Decision) -> SignRequest {
        SignRequest { stage, decision }
    }

    #[test]
    fn the_three_stages_in_order_approve() {
        use Decision::Approve;
        let mut state = State::AwaitingFirst;
        for (stage, role, next) in [
            (Stage::First, Role::Editor, State::AwaitingSecond),
            (Stage::Second, Role::Secrecy, State::AwaitingFinal),
            (Stage::Final, Role::Head, State::Approved),
        ] {
            state = check_sign(&ctx(state, role), &req(stage, Approve)).unwrap();
            assert_eq!(state, next);
        }
    }

    #[test]
    fn every_stage_can_return() {
        for stage in Stage::ALL {
            let c = ctx(stage.awaited_in(), stage.role());
            assert_eq!(
                check_sign(&c, &req(*stage, Decision::Return)),
                Ok(State::Returned)
            );
        }
    }

    #[test]
    fn each_role_signs_only_its_stage() {
        for stage in Stage::ALL {
            for role in Role::ALL {
                let got = check_sign(
                    &ctx(stage.awaited_in(), *role),
                    &req(*stage, Decision::Approve),
                );
                if role.stage() == *stage {
                    assert!(got.is_ok(), "{role} on {stage}");
                } else {
                    assert_eq!(
                        got,
                        Err(Refusal::WrongRole {
                            stage: *stage,
                            role: *role
                        })
                    );
                }
            }
        }
    }

    #[test]
    fn stages_out_of_order_are_refused_in_every_other_state() {
        for stage in Stage::ALL {
            for state in State::ALL {
                if state.awaiting() == Some(*stage) {
                    continue;
                }
                let got = check_sign(&ctx(*state, stage.role()), &req(*stage, Decision::Approve));
                assert_eq!(
                    got,
                    Err(Refusal::OutOfOrder {
                        stage: *stage,
                        state: *state
                    })
                );
            }
        }
    }

    #[test]
    fn one_stage_per_person_and_version() {
        let mut c = ctx(State::AwaitingFirst, Role::Editor);
        c.signed_by_signer = Some(Stage::First);
        assert_eq!(
            check_sign(&c, &req(Stage::First, Decision::Approve)),
            Err(Refusal::AlreadySigned {
                signed: Stage::First
            })
        );
    }

    #[test]
    fn a_block_finding_stops_final_approval_but_not_a_return() {
        let mut c = ctx(State::AwaitingFinal, Role::Head);
        c.block_findings = 2;
        assert_eq!(
            check_sign(&c, &req(Stage::Final, Decision::Approve)),
            Err(Refusal::Blocked { findings: 2 })
        );
        assert_eq!(
            check_sign(&c, &req(Stage::Final, Decision::Return)),
            Ok(State::Returned)
        );
        // Earlier stages may pass a blocked draft on: the head decides, and is refused.
        let mut c = ctx(State::AwaitingSecond, Role::Secrecy);
        c.block_findings = 1;
        assert!(check_sign(&c, &req(Stage::Second, Decision::Approve)).is_ok());
    }

    #[test]
    fn ids_round_trip_and_unknown_ids_name_the_choices() {
        for s in State::ALL {
            assert_eq!(s.as_str().parse::<State>().unwrap(), *s);
        }
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), *r);
            assert_eq!(r.stage().role(), *r);
        }
        let e = "chief".parse::<Role>().unwrap_err();
        assert!(e.contains("editor, secrecy, head"), "{e}");
    }
}
